package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import nl.zes.common.bus.BusHeaders;

/**
 * A request from the gateway to a service over the event bus, with the caller's role, municipality and
 * correlation id as headers and a bounded wait. Failures come back as problems (see {@code Problems}).
 */
public final class ServiceCall {

  /** A reply header a service may set to choose the HTTP status (e.g. 201); 200 otherwise. */
  public static final String STATUS_HEADER = "zes-status";

  private final Vertx vertx;
  private final Duration timeout;

  public ServiceCall(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
  }

  public Future<Message<Object>> request(String address, Object body, BusHeaders.Caller caller) {
    return vertx.eventBus().request(address, body, caller.deliveryOptions(timeout.toMillis()));
  }

  /** Forwards and answers the HTTP request with the service's JSON reply, or its problem. */
  public void forward(RoutingContext ctx, String address, JsonObject body) {
    request(address, body, Callers.of(ctx)).onComplete(ar -> {
      if (ar.failed()) {
        ProblemResponses.send(ctx, ar.cause());
        return;
      }
      Message<Object> reply = ar.result();
      String status = reply.headers().get(STATUS_HEADER);
      ctx.response().setStatusCode(status == null ? 200 : Integer.parseInt(status));
      Object payload = reply.body();
      if (payload instanceof JsonObject json) {
        ctx.json(json);
      } else if (payload instanceof io.vertx.core.json.JsonArray array) {
        ctx.json(array);
      } else {
        ctx.response().end(String.valueOf(payload));
      }
    });
  }
}
