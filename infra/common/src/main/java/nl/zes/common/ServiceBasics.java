package nl.zes.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import nl.zes.common.bus.HandOverJsonCodec;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;
import nl.zes.common.db.Migrations;
import nl.zes.common.db.Retry;
import nl.zes.common.health.KafkaProbe;
import nl.zes.common.health.PostgresProbe;
import nl.zes.common.health.ServiceHealth;

/**
 * What every service has: its PostgreSQL pool on its own schema, a Kafka probe, and a health address that
 * answers from the first moment (so that readiness can say what is down while the service waits for it).
 * {@link #start} completes once the schema's migrations are applied, retrying with back-off while
 * PostgreSQL is unreachable. It also registers the event-bus codecs the services' messages use.
 */
public final class ServiceBasics {

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaProbe kafkaProbe;
  private final MessageConsumer<JsonObject> health;

  private ServiceBasics(Vertx vertx, Pool pool, KafkaProbe kafkaProbe, MessageConsumer<JsonObject> health) {
    this.vertx = vertx;
    this.pool = pool;
    this.kafkaProbe = kafkaProbe;
    this.health = health;
  }

  public static Future<ServiceBasics> start(Vertx vertx, String service, String schema, String healthAddress,
      PgConfig pg, KafkaConfig kafka) {
    HandOverJsonCodec.register(vertx);
    Pool pool = pg.pool(vertx, schema);
    KafkaProbe probe = kafka == null ? null : new KafkaProbe(vertx, kafka);
    MessageConsumer<JsonObject> health = ServiceHealth.register(vertx, healthAddress, service,
        () -> probe == null ? List.of(PostgresProbe.check(pool)) : List.of(PostgresProbe.check(pool), probe.check()));
    ServiceBasics basics = new ServiceBasics(vertx, pool, probe, health);
    return Retry.withBackoff(vertx, service + " migrations", () -> Migrations.apply(pool, schema)).map(basics);
  }

  public Pool pool() {
    return pool;
  }

  public Future<Void> close() {
    Future<Void> probeClosed = kafkaProbe == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          kafkaProbe.close();
          return null;
        });
    return health.unregister().eventually(() -> probeClosed).eventually(pool::close);
  }
}
