package nl.zes.common.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * Answers a service's health address on the event bus: {@code {service, status, checks:[{id, status, detail}]}},
 * UP only when every check is up.
 */
public final class ServiceHealth {

  private ServiceHealth() {
  }

  public static MessageConsumer<JsonObject> register(Vertx vertx, String address, String service,
      Supplier<List<Future<Check>>> checks) {
    return vertx.eventBus().consumer(address, message -> {
      List<Future<Check>> pending = checks.get();
      Future.join(pending).onComplete(done -> message.reply(report(service, pending)));
    });
  }

  private static JsonObject report(String service, List<Future<Check>> checks) {
    JsonArray list = new JsonArray();
    boolean up = true;
    for (Future<Check> f : checks) {
      Check check = f.succeeded() ? f.result() : Check.down("unknown", String.valueOf(f.cause()));
      up &= check.up();
      list.add(check.toJson());
    }
    return new JsonObject().put("service", service).put("status", up ? "UP" : "DOWN").put("checks", list);
  }
}
