package nl.zes.gateway;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;
import nl.zes.common.bus.BusHeaders;
import nl.zes.common.bus.HandOverJsonCodec;
import nl.zes.common.problem.Problem;

/**
 * A request from the gateway to a service over the event bus, with the caller's role, municipality and
 * correlation id as headers and a bounded wait. Failures come back as problems (see {@code Problems}: no
 * handler → 503, timeout → 504, a service's problem → its status, anything else → 502) and are counted in
 * {@code zes_gateway_bus_failures_total{address, failure}}.
 */
public final class ServiceCall {

  /** A reply header a service may set to choose the HTTP status (e.g. 201); 200 otherwise. */
  public static final String STATUS_HEADER = "zes-status";

  private final Vertx vertx;
  private final Duration timeout;

  public ServiceCall(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeout = timeout;
    HandOverJsonCodec.register(vertx);
  }

  public Future<Message<Object>> request(String address, Object body, BusHeaders.Caller caller) {
    return request(address, body, caller.deliveryOptions(timeout.toMillis()));
  }

  private Future<Message<Object>> request(String address, Object body, DeliveryOptions options) {
    return vertx.eventBus().request(address, body, options).onFailure(failure -> countFailure(address, failure));
  }

  /** Forwards and answers the HTTP request with the service's JSON reply, or its problem. */
  public void forward(RoutingContext ctx, String address, JsonObject body) {
    BusHeaders.Caller caller = Callers.of(ctx);
    forward(ctx, caller, address, body, caller.deliveryOptions(timeout.toMillis()));
  }

  /**
   * As {@link #forward(RoutingContext, String, JsonObject)}, handing {@code body} over without the event bus's
   * copy (see {@link HandOverJsonCodec}): for large bodies built for this request alone, which the caller does
   * not touch afterwards.
   */
  public void forwardHandingOver(RoutingContext ctx, String address, JsonObject body) {
    BusHeaders.Caller caller = Callers.of(ctx);
    forward(ctx, caller, address, body, HandOverJsonCodec.handOver(caller.deliveryOptions(timeout.toMillis())));
  }

  private void forward(RoutingContext ctx, BusHeaders.Caller caller, String address, JsonObject body,
      DeliveryOptions options) {
    request(address, body, options).onComplete(ar -> CorrelationIds.withId(caller.correlationId(), () -> {
      if (ar.failed()) {
        ProblemResponses.send(ctx, ar.cause());
        return;
      }
      Message<Object> reply = ar.result();
      int status = status(reply.headers().get(STATUS_HEADER));
      if (status < 0) {
        ProblemResponses.send(ctx, Problem.of(502, "bad-gateway", "Bad gateway", "the service gave an invalid status"));
        return;
      }
      ctx.response().setStatusCode(status);
      Object payload = reply.body();
      if (payload instanceof JsonObject json) {
        ctx.json(json);
      } else if (payload instanceof JsonArray array) {
        ctx.json(array);
      } else if (payload == null) {
        ctx.response().end();
      } else {
        ctx.response().end(String.valueOf(payload));
      }
    }));
  }

  private static int status(String header) {
    if (header == null) {
      return 200;
    }
    try {
      int status = Integer.parseInt(header);
      return status >= 200 && status < 600 ? status : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void countFailure(String address, Throwable failure) {
    String kind = failure instanceof ReplyException re ? re.failureType().name().toLowerCase(Locale.ROOT) : "other";
    Counter.builder("zes.gateway.bus.failures")
        .description("Event-bus requests from the gateway that failed, by address and kind (timeout, no_handlers, recipient_failure)")
        .tag("address", address).tag("failure", kind)
        .register(Metrics.global()).increment();
  }
}
