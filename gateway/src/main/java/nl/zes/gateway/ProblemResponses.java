package nl.zes.gateway;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import nl.zes.common.problem.Problem;
import nl.zes.common.problem.Problems;

/** Writes every error the gateway returns as {@code application/problem+json}. */
public final class ProblemResponses {

  static final String RETRY_AFTER_SECONDS = "5";

  private ProblemResponses() {
  }

  public static void send(RoutingContext ctx, Problem problem) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(problem.status()).putHeader("Content-Type", "application/problem+json");
    if (problem.status() == 503 || problem.status() == 429) {
      response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    response.end(problem.encode());
  }

  public static void send(RoutingContext ctx, Throwable failure) {
    send(ctx, Problems.from(failure));
  }

  /** The router's failure handler: a failed context becomes the problem of its status or its failure. */
  public static void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure != null && !(failure instanceof io.vertx.ext.web.handler.HttpException)) {
      send(ctx, failure);
      return;
    }
    int status = failure instanceof io.vertx.ext.web.handler.HttpException he ? he.getStatusCode() : ctx.statusCode();
    send(ctx, forStatus(status < 400 ? 500 : status));
  }

  static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> Problem.badRequest("the request is malformed");
      case 401 -> Problem.of(401, "unauthorized", "Unauthorized", "a valid API key is required");
      case 403 -> Problem.forbidden("this key may not do this");
      case 404 -> Problem.notFound("no such resource");
      case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", "this method is not allowed here");
      case 413 -> Problem.of(413, "too-large", "Payload too large", "the request body is too large");
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type", "this content type is not accepted here");
      case 503 -> Problem.unavailable("a dependency is unavailable; retry later");
      default -> Problem.of(status, "error", "Error", "the request could not be served");
    };
  }
}
