package nl.zes.gateway;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import nl.zes.common.problem.Problem;
import nl.zes.common.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every error the gateway returns as {@code application/problem+json}. */
public final class ProblemResponses {

  static final String RETRY_AFTER_SECONDS = "5";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {
  }

  /** Sends the problem; a {@code Retry-After} already set (e.g. by the rate limiter) is kept. */
  public static void send(RoutingContext ctx, Problem problem) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (problem.status() >= 500) {
      LOG.warn("{} {} answered {} {}", ctx.request().method(), ctx.request().path(), problem.status(), problem.type());
    }
    response.setStatusCode(problem.status()).putHeader("Content-Type", "application/problem+json");
    if ((problem.status() == 503 || problem.status() == 429) && !response.headers().contains("Retry-After")) {
      response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    response.end(problem.encode());
  }

  public static void send(RoutingContext ctx, Throwable failure) {
    send(ctx, Problems.from(failure));
  }

  /** 401 with the challenge RFC 6750 asks for. */
  public static void unauthorized(RoutingContext ctx, String detail) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"zes\"");
    send(ctx, Problem.of(401, "unauthorized", "Unauthorized", detail));
  }

  public static Problem malformed(String detail) {
    return Problem.of(400, "malformed-request", "Malformed request", detail);
  }

  /**
   * Requests Netty could not even parse (bad request line, oversized line or headers, malformed header): answered
   * as problems too, and the connection closed, as the server would do by default.
   */
  public static void onInvalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
        .putHeader("Connection", "close").end(forStatus(status).encode())
        .onComplete(v -> request.connection().close());
  }

  /** The router's failure handler: a failed context becomes the problem of its status or its failure. */
  public static void onFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure != null && !(failure instanceof HttpException)) {
      send(ctx, failure);
      return;
    }
    int status = failure instanceof HttpException he ? he.getStatusCode() : ctx.statusCode();
    send(ctx, forStatus(status < 400 ? 500 : status));
  }

  static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> malformed("the request is malformed");
      case 401 -> Problem.of(401, "unauthorized", "Unauthorized", "a valid API key is required");
      case 403 -> Problem.forbidden("this key may not do this");
      case 404 -> Problem.notFound("no such resource");
      case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", "this method is not allowed here");
      case 413 -> Problem.of(413, "payload-too-large", "Payload too large", "the request body is too large");
      case 414 -> Problem.of(414, "uri-too-long", "URI too long", "the request line is too long");
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type", "this content type is not accepted here");
      case 431 -> Problem.of(431, "headers-too-large", "Request header fields too large", "the request headers are too large");
      case 503 -> Problem.unavailable("a dependency is unavailable; retry later");
      default -> status < 500
          ? Problem.of(status, "client-error", "Client error", "the request could not be served")
          : Problem.of(status, "internal", "Internal error", "the request could not be served");
    };
  }
}
