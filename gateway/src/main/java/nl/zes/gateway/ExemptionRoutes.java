package nl.zes.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import nl.zes.common.bus.Addresses;

/**
 * The public API's reference-data and exemption endpoints (API.md "Reference data", "Access and exemptions"),
 * forwarded to the exemption-service. Role checks are not here (see {@code RoutePermissions}); the tenancy of a
 * municipality key is enforced by the service.
 *
 * <p>{@code ApiGate} has already checked the key, role, media type, the parameters and (for JSON endpoints) the body
 * against docs/openapi.yaml.
 * {@code POST /vehicles/import} streams: its body (a multi-GB export) is never buffered, so it must not be
 * preceded by a {@code BodyHandler} ({@code RoutePermissions} marks it STREAMED), and whatever runs before it
 * asynchronously must keep the request paused.
 */
final class ExemptionRoutes implements ApiRoutes {

  /** Bytes per import piece on the event bus; the service answers each before the next is read. */
  static final int IMPORT_PIECE_BYTES = 1024 * 1024;
  /** After an early answer, at most this much more of the body is read (and dropped) before the connection goes. */
  static final int DISCARD_LIMIT_BYTES = 256 * 1024;

  @Override
  public void mount(Router api, ServiceCall services) {
    api.get("/municipalities").handler(ctx -> listMunicipalities(ctx, services));
    api.put("/municipalities/:code").handler(ctx -> withJson(ctx, body ->
        services.forward(ctx, Addresses.EXEMPTIONS_MUNICIPALITIES_PUT,
            new JsonObject().put("code", ctx.pathParam("code")).put("body", body))));
    api.post("/vehicles/import").handler(ctx -> new Upload(ctx, services).begin());
    api.get("/vehicles/:plate").handler(ctx -> services.forward(ctx, Addresses.EXEMPTIONS_VEHICLES_GET,
        new JsonObject().put("plate", ctx.pathParam("plate"))));
    api.get("/access").handler(ctx -> services.forward(ctx, Addresses.EXEMPTIONS_ACCESS_CHECK,
        query(ctx, "plate", "municipality", "at")));

    api.post("/exemptions").handler(ctx -> withJson(ctx, body ->
        services.forward(ctx, Addresses.EXEMPTIONS_CREATE, body)));
    api.get("/exemptions").handler(ctx -> services.forward(ctx, Addresses.EXEMPTIONS_LIST,
        query(ctx, "plate", "status", "type", "municipality", "limit", "cursor")));
    // Declared before /exemptions/:id, which would otherwise take "status" for an id.
    api.get("/exemptions/status").handler(ctx -> services.forward(ctx, Addresses.EXEMPTIONS_STATUS,
        query(ctx, "plate", "municipality", "at")));
    api.get("/exemptions/:id").handler(ctx -> services.forward(ctx, Addresses.EXEMPTIONS_GET,
        new JsonObject().put("id", ctx.pathParam("id"))));
    api.post("/exemptions/:id/decision").handler(ctx -> withJson(ctx, body ->
        services.forward(ctx, Addresses.EXEMPTIONS_DECIDE, body.copy().put("id", ctx.pathParam("id")))));
    api.post("/exemptions/:id/revocation").handler(ctx -> withJson(ctx, body ->
        services.forward(ctx, Addresses.EXEMPTIONS_REVOKE, body.copy().put("id", ctx.pathParam("id")))));

    api.post("/day-exemptions").handler(ctx -> withJson(ctx, body ->
        services.forward(ctx, Addresses.EXEMPTIONS_DAY_CREATE, body)));
    api.get("/day-exemptions").handler(ctx -> services.forward(ctx, Addresses.EXEMPTIONS_DAY_LIST,
        query(ctx, "plate", "municipality", "year")));
  }

  /** API.md's {@code GET /municipalities} is a bare array; the bus answers {@code {items}}. */
  private static void listMunicipalities(RoutingContext ctx, ServiceCall services) {
    services.request(Addresses.EXEMPTIONS_MUNICIPALITIES, new JsonObject(), Callers.of(ctx)).onComplete(ar -> {
      if (ar.failed()) {
        ProblemResponses.send(ctx, ar.cause());
      } else {
        JsonObject reply = (JsonObject) ar.result().body();
        ctx.json(reply.getJsonArray("items", new JsonArray()));
      }
    });
  }

  /** The JSON object body, read, bounded and checked to be one object by {@code ApiGate} before any route. */
  private static void withJson(RoutingContext ctx, java.util.function.Consumer<JsonObject> then) {
    then.accept(ctx.body().asJsonObject());
  }

  /** The named query parameters (the first value of each) as a JSON object of strings. */
  private static JsonObject query(RoutingContext ctx, String... names) {
    JsonObject query = new JsonObject();
    for (String name : names) {
      String value = ctx.queryParams().get(name);
      if (value != null) {
        query.put(name, value);
      }
    }
    return query;
  }

  /**
   * One streamed register import: the request body is cut into pieces of {@value #IMPORT_PIECE_BYTES} bytes and
   * sent in order on {@code exemptions.vehicles.import.chunk}; the request stays paused until the service has
   * read the previous piece, so the gateway holds at most about one piece per upload.
   */
  private static final class Upload {

    private final RoutingContext ctx;
    private final ServiceCall services;
    private final HttpServerRequest request;
    private final String importId = UUID.randomUUID().toString();
    private Buffer pending = Buffer.buffer();
    private String dataset;
    private long seq;
    private boolean answered;

    Upload(RoutingContext ctx, ServiceCall services) {
      this.ctx = ctx;
      this.services = services;
      this.request = ctx.request();
      request.pause();
    }

    /** {@code ApiGate} has checked {@code dataset} against docs/openapi.yaml. */
    void begin() {
      dataset = ctx.queryParams().get("dataset");
      request.handler(this::onData);
      request.endHandler(v -> send(true));
      request.exceptionHandler(e -> giveUp());
      request.resume();
    }

    private void onData(Buffer data) {
      pending.appendBuffer(data);
      if (pending.length() >= IMPORT_PIECE_BYTES) {
        request.pause();
        send(false);
      }
    }

    private void send(boolean last) {
      JsonObject piece = new JsonObject().put("importId", importId).put("dataset", dataset).put("seq", seq++)
          .put("data", pending).put("last", last);
      pending = Buffer.buffer();
      services.request(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK, piece, Callers.of(ctx)).onComplete(ar -> {
        if (answered) {
          return;
        }
        if (ar.failed()) {
          answered = true;
          closeAfter(ctx.response().headWritten() ? null : ar.cause());
          if (!last) {
            abort();
          }
          return;
        }
        JsonObject body = (JsonObject) ar.result().body();
        if (body.getBoolean("done", false)) {
          answered = true;
          body.remove("done");
          ctx.response().setStatusCode(200);
          ctx.json(body).onComplete(v -> discardRestOfBody());
        } else {
          request.resume();
        }
      });
    }

    private void closeAfter(Throwable failure) {
      if (failure == null) {
        discardRestOfBody();
        return;
      }
      ctx.response().endHandler(v -> discardRestOfBody());
      ProblemResponses.send(ctx, failure);
    }

    /**
     * An answer before the whole body was read: the rest of a small body is read and dropped, so the connection
     * stays usable and the client sees the answer; a large one drops the connection rather than read gigabytes
     * for nothing. (Closing a socket with unread bytes makes the kernel send a reset, which can destroy the answer
     * in flight, so closing at once is wrong for the small case.)
     */
    private void discardRestOfBody() {
      if (request.isEnded()) {
        return;
      }
      long[] dropped = {0};
      request.handler(data -> {
        dropped[0] += data.length();
        if (dropped[0] > DISCARD_LIMIT_BYTES) {
          request.connection().close();
        }
      });
      request.endHandler(v -> { });
      request.exceptionHandler(e -> { });
      request.resume();
    }

    private void giveUp() {
      if (!answered) {
        answered = true;
        abort();
      }
    }

    private void abort() {
      services.request(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK,
          new JsonObject().put("importId", importId).put("abort", true), Callers.of(ctx));
    }
  }
}
