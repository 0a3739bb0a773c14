package nl.zes.exemption.it;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import nl.zes.common.bus.BusHeaders;
import nl.zes.common.problem.Problem;

/** Requests to the exemption-service on the event bus, as the gateway sends them, awaited by the test thread. */
final class Bus {

  private final Vertx vertx;

  Bus(Vertx vertx) {
    this.vertx = vertx;
  }

  JsonObject call(String address, JsonObject body) {
    return send(address, body, "loket", null).await().body();
  }

  Future<Message<JsonObject>> send(String address, JsonObject body, String role, String municipality) {
    DeliveryOptions options = new BusHeaders.Caller(role, municipality, "test").deliveryOptions(30_000);
    return vertx.eventBus().request(address, body, options);
  }

  /** The status header of a successful reply (200 when absent). */
  int status(String address, JsonObject body) {
    String status = send(address, body, "admin", null).await().headers().get("zes-status");
    return status == null ? 200 : Integer.parseInt(status);
  }

  Problem problem(String address, JsonObject body) {
    return problemAs(address, body, "loket", null);
  }

  Problem problemAs(String address, JsonObject body, String role, String municipality) {
    Future<Message<JsonObject>> reply = send(address, body, role, municipality);
    try {
      reply.await();
    } catch (ReplyException e) {
      return Problem.fromJson(new JsonObject(e.getMessage()));
    }
    throw new AssertionError("expected a problem from " + address + ", got " + reply.result().body());
  }
}
