package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.zes.common.ServiceBasics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one public HTTP entry: health, metrics, the OpenAPI document and Swagger UI, the modules' root routes (the
 * dashboard), and the API under {@code /api/v1} behind {@link ApiGate}; problem+json for every error.
 */
public final class GatewayVerticle extends VerticleBase {

  public static final String SCHEMA = "gateway";
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final int[] ERROR_STATUSES = {400, 401, 403, 404, 405, 406, 413, 414, 415, 429, 431, 500, 501, 502, 503, 504};

  private final GatewayConfig config;
  private ServiceBasics basics;
  private ApiKeys keys;
  private HttpServer server;
  private Router api;

  public GatewayVerticle() {
    this(GatewayConfig.fromEnv(System.getenv()));
  }

  public GatewayVerticle(GatewayConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return ServiceBasics.start(vertx, "gateway", SCHEMA, "gateway.health", config.pg(), null)
        .compose(b -> {
          basics = b;
          keys = new ApiKeys(vertx, b.pool(), config.pg());
          return keys.start(config.bootstrapAdminKey());
        })
        .compose(v -> {
          Router router = Router.router(vertx);
          router.route().handler(CorrelationIds::handle).handler(ApiGate::rejectMalformedPath);
          return Future.all(OpenApiDocs.mount(vertx, router), RequestValidation.load(vertx)).map(all -> {
            routes(router, all.resultAt(1));
            return router;
          });
        })
        .compose(router -> {
          server = vertx.createHttpServer(new HttpServerOptions()
              .setHost(config.httpHost())
              .setMaxHeaderSize(16 * 1024)
              .setMaxInitialLineLength(8 * 1024)
              .setCompressionSupported(true));
          return server.requestHandler(router).invalidRequestHandler(ProblemResponses::onInvalidRequest)
              .listen(config.httpPort());
        })
        .onSuccess(s -> LOG.info("gateway listening on http://{}:{}", config.httpHost(), s.actualPort()));
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The API router (routes relative to {@code /api/v1}); tests compare it with the OpenAPI document. */
  Router apiRouter() {
    return api;
  }

  private void routes(Router router, RequestValidation validation) {
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(Readiness.handler(vertx, basics.pool()));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(Metrics.registry()));

    api = Router.router(vertx);
    ServiceCall services = new ServiceCall(vertx, config.busTimeout());
    for (ApiRoutes routes : apiRoutes()) {
      routes.mount(api, services);
      routes.mountRoot(router);
    }
    ApiGate gate = new ApiGate(keys, new RateLimits(config.rateLimitPerSecond(), config.rateLimitBurst()), validation,
        config.maxBodyBytes());
    Route door = router.route(ApiGate.PREFIX + "/*");
    for (Handler<RoutingContext> handler : gate.handlers()) {
      door.handler(handler);
    }
    router.route(ApiGate.PREFIX + "/*").subRouter(api);

    for (int status : ERROR_STATUSES) {
      router.errorHandler(status, ProblemResponses::onFailure);
    }
  }

  private List<ApiRoutes> apiRoutes() {
    return List.of(new AdminRoutes(keys), new ExemptionRoutes(), new PassageRoutes(), new ReportRoutes());
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    return closed
        .eventually(() -> keys == null ? Future.succeededFuture() : keys.close())
        .eventually(() -> basics == null ? Future.succeededFuture() : basics.close());
  }
}
