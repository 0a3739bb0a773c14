package nl.zes.reporting;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import nl.zes.common.ServiceBasics;
import nl.zes.common.bus.Addresses;

/** The reporting-service's main verticle. */
public final class ReportingVerticle extends VerticleBase {

  public static final String SCHEMA = "reporting";
  public static final String SERVICE = "reporting-service";

  private final ReportingConfig config;
  private ServiceBasics basics;

  public ReportingVerticle() {
    this(ReportingConfig.fromEnv(System.getenv()));
  }

  public ReportingVerticle(ReportingConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return ServiceBasics.start(vertx, SERVICE, SCHEMA, Addresses.REPORTING_HEALTH, config.pg(), config.kafka())
        .onSuccess(b -> basics = b);
  }

  @Override
  public Future<?> stop() {
    return basics == null ? Future.succeededFuture() : basics.close();
  }
}
