package nl.zes.common.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem. Services fail event-bus requests with {@code message.fail(status, problem.encode())};
 * the gateway turns that into an {@code application/problem+json} response. Types are {@code /problems/<name>}.
 */
public record Problem(String type, String title, int status, String detail, JsonArray errors) {

  public static final String TYPE_PREFIX = "/problems/";

  public static Problem of(int status, String name, String title, String detail) {
    return new Problem(TYPE_PREFIX + name, title, status, detail, null);
  }

  public static Problem badRequest(String detail) {
    return of(400, "bad-request", "Bad request", detail);
  }

  /** 400 with one {@code {field, message}} per invalid field. */
  public static Problem invalidFields(String detail, JsonArray errors) {
    return new Problem(TYPE_PREFIX + "validation", "Invalid request", 400, detail, errors);
  }

  public static Problem invalidField(String field, String message) {
    return invalidFields(field + ": " + message, new JsonArray().add(fieldError(field, message)));
  }

  public static Problem unprocessable(String field, String message) {
    return new Problem(TYPE_PREFIX + "unprocessable", "Well-formed but not acceptable", 422, field + ": " + message,
        new JsonArray().add(fieldError(field, message)));
  }

  public static Problem notFound(String detail) {
    return of(404, "not-found", "Not found", detail);
  }

  public static Problem conflict(String name, String detail) {
    return of(409, name, "Conflict", detail);
  }

  public static Problem forbidden(String detail) {
    return of(403, "forbidden", "Forbidden", detail);
  }

  public static Problem unavailable(String detail) {
    return of(503, "unavailable", "Service unavailable", detail);
  }

  public static JsonObject fieldError(String field, String message) {
    return new JsonObject().put("field", field).put("message", message);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (errors != null && !errors.isEmpty()) {
      json.put("errors", errors);
    }
    return json;
  }

  public String encode() {
    return toJson().encode();
  }

  public static Problem fromJson(JsonObject json) {
    return new Problem(json.getString("type", "about:blank"), json.getString("title"), json.getInteger("status", 500),
        json.getString("detail"), json.getJsonArray("errors"));
  }

  public ProblemException exception() {
    return new ProblemException(this);
  }
}
