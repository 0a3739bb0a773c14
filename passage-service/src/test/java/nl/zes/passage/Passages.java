package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.BusHeaders;

/** Test helpers: passages as the gateway would send them, on the event bus, as a municipality key. */
final class Passages {

  private Passages() {
  }

  static JsonObject passage(String id, String plate, String timestamp) {
    return new JsonObject().put("id", id).put("zone", ExemptionServiceDouble.ZONE).put("camera", "cam1")
        .put("timestamp", timestamp).put("plate", plate);
  }

  static DeliveryOptions as(String role, String municipality) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(60_000).addHeader(BusHeaders.ROLE, role);
    if (municipality != null) {
      options.addHeader(BusHeaders.MUNICIPALITY, municipality);
    }
    return options;
  }

  static Future<JsonObject> ingest(Vertx vertx, String municipality, JsonArray items) {
    return vertx.eventBus().<JsonObject>request(Addresses.PASSAGES_INGEST,
            new JsonObject().put("items", items).put("malformed", new JsonArray()), as("municipality", municipality))
        .map(reply -> reply.body());
  }

  static Future<JsonObject> get(Vertx vertx, String municipality, String id) {
    return vertx.eventBus().<JsonObject>request(Addresses.PASSAGES_GET, new JsonObject().put("id", id),
        as("municipality", municipality)).map(reply -> reply.body());
  }

  /** The status of a failed request (the problem's status), or 200. */
  static Future<Integer> status(Future<?> request) {
    return request.map(200).recover(e -> Future.succeededFuture(
        e instanceof ReplyException re ? re.failureCode() : 500));
  }
}
