package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.zes.common.ServiceBasics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one public HTTP entry: health, the API under {@code /api/v1}, and problem+json for every error. */
public final class GatewayVerticle extends VerticleBase {

  public static final String SCHEMA = "gateway";
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  private final GatewayConfig config;
  private ServiceBasics basics;
  private HttpServer server;

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
          server = vertx.createHttpServer(new HttpServerOptions()
              .setHost(config.httpHost())
              .setMaxHeaderSize(16 * 1024)
              .setMaxInitialLineLength(8 * 1024)
              .setCompressionSupported(true));
          return server.requestHandler(router()).listen(config.httpPort());
        })
        .onSuccess(s -> LOG.info("gateway listening on http://{}:{}", config.httpHost(), s.actualPort()));
  }

  /** The port actually bound (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(CorrelationIds::handle);
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(Readiness.handler(vertx, basics.pool()));

    Router api = Router.router(vertx);
    ServiceCall services = new ServiceCall(vertx, config.busTimeout());
    for (ApiRoutes routes : apiRoutes()) {
      routes.mount(api, services);
    }
    router.route("/api/v1/*").subRouter(api);

    for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
      router.errorHandler(status, ProblemResponses::onFailure);
    }
    return router;
  }

  private List<ApiRoutes> apiRoutes() {
    return List.of(new AdminRoutes(), new ExemptionRoutes(), new PassageRoutes(), new ReportRoutes());
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
    return closed.eventually(() -> basics == null ? Future.succeededFuture() : basics.close());
  }
}
