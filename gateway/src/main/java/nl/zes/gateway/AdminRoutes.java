package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.zes.common.bus.Addresses;
import nl.zes.common.problem.Problem;

/** The public API's admin endpoints (see API.md): create and revoke API keys. */
final class AdminRoutes implements ApiRoutes {

  private static final Pattern CBS_CODE = Pattern.compile("GM\\d{4}");
  private static final int MAX_NAME_LENGTH = 200;

  private final ApiKeys keys;

  AdminRoutes(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public void mount(Router api, ServiceCall services) {
    api.post("/admin/api-keys").handler(ctx -> create(ctx, services));
    api.delete("/admin/api-keys/:id").handler(this::revoke);
  }

  private void create(RoutingContext ctx, ServiceCall services) {
    JsonObject body = ctx.body().asJsonObject();
    JsonArray errors = new JsonArray();
    Optional<Role> role = body.getValue("role") instanceof String text ? Role.fromWire(text) : Optional.empty();
    if (role.isEmpty()) {
      errors.add(Problem.fieldError("role", "must be one of admin, loket, municipality, reporting"));
    }
    Object name = body.getValue("name");
    if (!(name instanceof String text) || text.isBlank() || text.length() > MAX_NAME_LENGTH) {
      errors.add(Problem.fieldError("name", "must be a non-empty string of at most " + MAX_NAME_LENGTH + " characters"));
    }
    Object municipality = body.getValue("municipality");
    if (role.orElse(null) == Role.MUNICIPALITY && municipality == null) {
      errors.add(Problem.fieldError("municipality", "is required for role municipality"));
    } else if (municipality != null && !(municipality instanceof String code && CBS_CODE.matcher(code).matches())) {
      errors.add(Problem.fieldError("municipality", "must be a CBS code such as GM0363"));
    }
    if (!errors.isEmpty()) {
      ProblemResponses.send(ctx, Problem.invalidFields("the API key request is invalid", errors));
      return;
    }
    if (role.get() != Role.MUNICIPALITY && municipality != null) {
      ProblemResponses.send(ctx, Problem.unprocessable("municipality", "only a municipality key is bound to a municipality"));
      return;
    }
    String code = (String) municipality;
    (code == null ? Future.succeededFuture() : checkKnown(code, ctx, services))
        .compose(v -> keys.create(role.get(), code, ((String) name).strip()))
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
