package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.zes.common.bus.Addresses;
import nl.zes.common.problem.Problem;

/** The public API's admin endpoints (see API.md): create and revoke API keys. */
final class AdminRoutes implements ApiRoutes {

  private final ApiKeys keys;

  AdminRoutes(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public void mount(Router api, ServiceCall services) {
    api.post("/admin/api-keys").handler(ctx -> create(ctx, services));
    api.delete("/admin/api-keys/:id").handler(this::revoke);
  }

  /** The body has passed docs/openapi.yaml's {@code ApiKeyCreate} (role, name, a CBS code required for role municipality). */
  private void create(RoutingContext ctx, ServiceCall services) {
    JsonObject body = ctx.body().asJsonObject();
    Role role = Role.fromWire(body.getString("role")).orElseThrow();
    String code = body.getString("municipality");
    if (role != Role.MUNICIPALITY && code != null) {
      ProblemResponses.send(ctx, Problem.unprocessable("municipality", "only a municipality key is bound to a municipality"));
      return;
    }
    (code == null ? Future.succeededFuture() : checkKnown(code, ctx, services))
        .compose(v -> keys.create(role, code, body.getString("name").strip()))
        .onSuccess(created -> ctx.response().setStatusCode(201).putHeader("Cache-Control", "no-store")
            .putHeader("Location", ApiGate.PREFIX + "/admin/api-keys/" + created.key().id())
            .putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("id", created.key().id()).put("key", created.secret())
                .put("role", created.key().role().wire()).put("municipality", created.key().municipality())
                .put("name", created.key().name()).encode()))
        .onFailure(failure -> ProblemResponses.send(ctx, failure));
  }

  /** Asks the exemption-service whether the municipality exists; when no service answers that address, the syntax suffices. */
  private static Future<Void> checkKnown(String code, RoutingContext ctx, ServiceCall services) {
    return services.request(Addresses.EXEMPTIONS_MUNICIPALITIES, new JsonObject(), Callers.of(ctx))
        .<Void>compose(reply -> {
          JsonArray items = reply.body() instanceof JsonObject json ? json.getJsonArray("items", new JsonArray()) : new JsonArray();
          boolean known = items.stream().anyMatch(item -> item instanceof JsonObject m && code.equals(m.getString("code")));
          return known ? Future.succeededFuture()
              : Future.failedFuture(Problem.unprocessable("municipality", "unknown municipality " + code).exception());
        })
        .recover(failure -> failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
            ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  private void revoke(RoutingContext ctx) {
    keys.revoke(ctx.pathParam("id"))
        .onSuccess(found -> {
          if (found) {
            ctx.response().setStatusCode(204).end();
          } else {
            ProblemResponses.send(ctx, Problem.notFound("no API key with this id"));
          }
        })
        .onFailure(failure -> ProblemResponses.send(ctx, failure));
  }
}
