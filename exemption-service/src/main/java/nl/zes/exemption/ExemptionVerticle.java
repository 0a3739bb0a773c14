package nl.zes.exemption;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import nl.zes.common.ServiceBasics;
import nl.zes.common.bus.Addresses;

/** The exemption-service's main verticle. */
public final class ExemptionVerticle extends VerticleBase {

  public static final String SCHEMA = "exemptions";
  public static final String SERVICE = "exemption-service";

  private final ExemptionConfig config;
  private ServiceBasics basics;

  public ExemptionVerticle() {
    this(ExemptionConfig.fromEnv(System.getenv()));
  }

  public ExemptionVerticle(ExemptionConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return ServiceBasics.start(vertx, SERVICE, SCHEMA, Addresses.EXEMPTIONS_HEALTH, config.pg(), config.kafka())
        .onSuccess(b -> basics = b);
  }

  @Override
  public Future<?> stop() {
    return basics == null ? Future.succeededFuture() : basics.close();
  }
}
