package nl.zes.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.zes.common.problem.Problem;

/**
 * The one door in front of every {@code /api/v1} route, applying {@link RoutePermissions} in this order:
 * unknown path 404, wrong method 405, missing/unknown/revoked key 401, rate limit 429, role 403, another
 * municipality in the {@code municipality} query parameter 403, media type 415; then the body, bounded (413); then
 * the parameters and (where the endpoint takes one JSON object) the body against docs/openapi.yaml
 * ({@link RequestValidation}, 400). Only then does the request reach a route.
 */
final class ApiGate {

  static final String PREFIX = "/api/v1";
  static final String ENDPOINT = "zes.endpoint";
  private static final String BEARER = "bearer ";

  private final ApiKeys keys;
  private final RateLimits limits;
  private final RequestValidation validation;
  private final BodyHandler bodies;

  ApiGate(ApiKeys keys, RateLimits limits, RequestValidation validation, long maxBodyBytes) {
    this.keys = keys;
    this.limits = limits;
    this.validation = validation;
    this.bodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
  }

  /** The handlers to mount, in order, on {@code /api/v1/*}. */
  List<Handler<RoutingContext>> handlers() {
    return List.of(this::admit, this::readBody, this::validate);
  }

  private void admit(RoutingContext ctx) {
    String path = ctx.normalizedPath().substring(PREFIX.length());
    Optional<RoutePermissions.Endpoint> found = RoutePermissions.find(ctx.request().method(), path);
    if (found.isEmpty()) {
      String allowed = RoutePermissions.allowedMethods(path);
      if (allowed.isEmpty()) {
        ProblemResponses.send(ctx, ProblemResponses.forStatus(404));
      } else {
        ctx.response().putHeader("Allow", allowed);
        ProblemResponses.send(ctx, ProblemResponses.forStatus(405));
      }
      return;
    }
    RoutePermissions.Endpoint endpoint = found.get();
    try {
      ctx.queryParams();
    } catch (RuntimeException malformed) {
      ProblemResponses.send(ctx, ProblemResponses.malformed("the query string has a malformed escape"));
      return;
    }
    Optional<ApiKey> key = keys.find(bearer(ctx.request().getHeader("Authorization")));
    if (key.isEmpty()) {
      ProblemResponses.unauthorized(ctx, "send a valid API key as Authorization: Bearer <key>");
      return;
    }
    ApiKey caller = key.get();
    long wait = limits.acquire(caller.id());
    if (wait > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      ProblemResponses.send(ctx, Problem.of(429, "rate-limited", "Too many requests", "this key's request rate limit is reached"));
      return;
    }
    if (!endpoint.roles().contains(caller.role())) {
      ProblemResponses.send(ctx, Problem.forbidden("a " + caller.role().wire() + " key may not call " + endpoint.method() + " " + endpoint.path()));
      return;
    }
    if (endpoint.municipalityScoped() && caller.role() == Role.MUNICIPALITY
        && ctx.queryParam("municipality").stream().anyMatch(code -> !code.equals(caller.municipality()))) {
      ProblemResponses.send(ctx, Problem.forbidden("a municipality key may only read its own municipality (" + caller.municipality() + ")"));
      return;
    }
    if (!endpoint.consumes().isEmpty() && !endpoint.consumes().contains(mediaType(ctx.request().getHeader("Content-Type")))) {
      ProblemResponses.send(ctx, Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "send the body as " + String.join(" or ", endpoint.consumes())));
      return;
    }
    ctx.put(ENDPOINT, endpoint);
    ctx.put(Callers.KEY, caller.caller(ctx.get(CorrelationIds.KEY)));
    ctx.next();
  }

  /** Mounted before any path route: a path with a malformed %-escape would otherwise fail inside the router (500). */
  static void rejectMalformedPath(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.indexOf('%') < 0) {
      ctx.next();
      return;
    }
    try {
      URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      ProblemResponses.send(ctx, ProblemResponses.malformed("the path has a malformed %-escape"));
      return;
    }
    ctx.next();
  }

  private void readBody(RoutingContext ctx) {
    RoutePermissions.Endpoint endpoint = ctx.get(ENDPOINT);
    if (endpoint.body() == RoutePermissions.Body.BUFFERED) {
      bodies.handle(ctx);
    } else {
      ctx.next();
    }
  }

  private void validate(RoutingContext ctx) {
    RoutePermissions.Endpoint endpoint = ctx.get(ENDPOINT);
    Problem problem = validation.check(endpoint, ctx.normalizedPath().substring(PREFIX.length()), ctx.queryParams(),
        () -> ctx.body().asJsonObject());
    if (problem != null) {
      ProblemResponses.send(ctx, problem);
      return;
    }
    ctx.next();
  }

  private static String bearer(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).trim();
  }

  static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
