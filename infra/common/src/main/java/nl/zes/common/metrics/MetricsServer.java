package nl.zes.common.metrics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import nl.zes.common.config.Env;

/**
 * {@code GET /metrics} (Prometheus text) of a service process that has no public HTTP server of its own, so that
 * each passage-service, exemption-service and reporting-service instance can be scraped in a clustered
 * deployment. Enabled by {@code ZES_METRICS_PORT}; binds {@code ZES_METRICS_HOST} (default loopback).
 */
public final class MetricsServer {

  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private MetricsServer() {
  }

  /** Where to serve, or null when {@code ZES_METRICS_PORT} is unset. */
  public record Config(String host, int port) {
    public static Config fromEnv(Env env) {
      if (env.string("ZES_METRICS_PORT", null) == null) {
        return null;
      }
      return new Config(env.string("ZES_METRICS_HOST", "127.0.0.1"), env.port("ZES_METRICS_PORT", 0));
    }
  }

  public static Future<HttpServer> start(Vertx vertx, Config config) {
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
        .requestHandler(MetricsServer::handle)
        .listen();
  }

  private static void handle(HttpServerRequest request) {
    if (!request.path().equals("/metrics")) {
      request.response().setStatusCode(404).end();
    } else if (request.method() != HttpMethod.GET) {
      request.response().setStatusCode(405).putHeader("Allow", "GET").end();
    } else {
      request.response().putHeader("Content-Type", CONTENT_TYPE).end(ProcessMetrics.registry().scrape());
    }
  }
}
