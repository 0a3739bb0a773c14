package nl.zes.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import nl.zes.common.health.Check;
import nl.zes.common.health.KafkaProbe;
import nl.zes.common.health.PostgresProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class HealthProbesTest {

  private static final Duration BOUND = Duration.ofSeconds(30);

  @Test
  void kafkaProbeFollowsTheBrokerDownAndBackUp(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    KafkaProbe probe = new KafkaProbe(vertx, infra.kafkaConfig());
    Await.until(vertx, probe::check, Check::up, BOUND)
        .compose(up -> Await.blocking(vertx, () -> {
          infra.kafka().stop();
          return null;
        }))
        .compose(v -> Await.until(vertx, probe::check, c -> !c.up(), BOUND))
        .compose(down -> {
          ctx.verify(() -> assertThat(down.id()).isEqualTo("kafka"));
          return Await.blocking(vertx, () -> {
            infra.kafka().restart();
            return null;
          });
        })
        .compose(v -> Await.until(vertx, probe::check, Check::up, BOUND))
        .eventually(() -> Await.blocking(vertx, () -> {
          infra.kafka().restart();
          probe.close();
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void postgresProbeFollowsTheServerDownAndBackUp(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    var pool = infra.pgConfig().pool(vertx, "public");
    Await.until(vertx, () -> PostgresProbe.check(pool), Check::up, BOUND)
        .compose(up -> Await.blocking(vertx, () -> {
          infra.postgres().stop();
          return null;
        }))
        .compose(v -> Await.until(vertx, () -> PostgresProbe.check(pool), c -> !c.up(), BOUND))
        .compose(down -> Await.blocking(vertx, () -> {
          infra.postgres().restart();
          return null;
        }))
        .compose(v -> Await.until(vertx, () -> PostgresProbe.check(pool), Check::up, BOUND))
        .eventually(() -> Await.blocking(vertx, () -> {
          infra.postgres().restart();
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }
}
