package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import nl.zes.common.ServiceBasics;
import nl.zes.common.bus.Addresses;

/** The passage-service's main verticle. */
public final class PassageVerticle extends VerticleBase {

  public static final String SCHEMA = "passages";
  public static final String SERVICE = "passage-service";

  private final PassageConfig config;
  private ServiceBasics basics;

  public PassageVerticle() {
    this(PassageConfig.fromEnv(System.getenv()));
  }

  public PassageVerticle(PassageConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return ServiceBasics.start(vertx, SERVICE, SCHEMA, Addresses.PASSAGES_HEALTH, config.pg(), config.kafka())
        .onSuccess(b -> basics = b);
  }

  @Override
  public Future<?> stop() {
    return basics == null ? Future.succeededFuture() : basics.close();
  }
}
