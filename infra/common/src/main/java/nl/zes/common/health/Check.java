package nl.zes.common.health;

import io.vertx.core.json.JsonObject;

/** The state of one dependency: {@code postgresql}, {@code kafka}, or a service reached over the event bus. */
public record Check(String id, boolean up, String detail) {

  public static Check up(String id) {
    return new Check(id, true, null);
  }

  public static Check down(String id, String detail) {
    return new Check(id, false, detail);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("status", up ? "UP" : "DOWN");
    if (detail != null) {
      json.put("detail", detail);
    }
    return json;
  }
}
