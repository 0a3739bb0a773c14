package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.healthchecks.Status;
import io.vertx.sqlclient.Pool;
import java.util.List;
import nl.zes.common.bus.Addresses;
import nl.zes.common.health.Check;
import nl.zes.common.health.PostgresProbe;

/**
 * {@code /health/ready}: UP (200) only when the gateway's own PostgreSQL is up and each service answers over the
 * event bus with its PostgreSQL and Kafka up; otherwise 503. Every check is listed with its own status and,
 * for a service, the checks it reported ({@code postgresql}, {@code kafka}).
 */
final class Readiness {

  private static final long SERVICE_TIMEOUT_MS = 3_000;
  private static final List<String[]> SERVICES = List.of(
      new String[] {"exemption-service", Addresses.EXEMPTIONS_HEALTH},
      new String[] {"passage-service", Addresses.PASSAGES_HEALTH},
      new String[] {"reporting-service", Addresses.REPORTING_HEALTH});

  private Readiness() {
  }

  static HealthCheckHandler handler(Vertx vertx, Pool pool) {
    HealthCheckHandler handler = HealthCheckHandler.create(vertx);
    handler.register("gateway", SERVICE_TIMEOUT_MS + 1_000, promise -> PostgresProbe.check(pool)
        .onComplete(ar -> promise.complete(status(new JsonArray().add(ar.result().toJson()), ar.result().up()))));
    for (String[] service : SERVICES) {
      handler.register(service[0], SERVICE_TIMEOUT_MS + 1_000, promise -> askService(vertx, service[1])
          .onComplete(ar -> {
            if (ar.succeeded()) {
              JsonObject report = ar.result();
              promise.complete(status(report.getJsonArray("checks", new JsonArray()), "UP".equals(report.getString("status"))));
            } else {
              Check unreachable = Check.down("eventbus", "no answer: " + ar.cause().getMessage());
              promise.complete(status(new JsonArray().add(unreachable.toJson()), false));
            }
          }));
    }
    return handler;
  }

  private static Future<JsonObject> askService(Vertx vertx, String address) {
    return vertx.eventBus().<JsonObject>request(address, new JsonObject(), new DeliveryOptions().setSendTimeout(SERVICE_TIMEOUT_MS))
        .map(reply -> reply.body());
  }

  private static Status status(JsonArray checks, boolean up) {
    JsonObject data = new JsonObject().put("checks", checks);
    return up ? Status.OK(data) : Status.KO(data);
  }
}
