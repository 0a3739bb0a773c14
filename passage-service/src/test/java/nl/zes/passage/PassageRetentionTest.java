package nl.zes.passage;

import static nl.zes.passage.ExemptionServiceDouble.AMSTERDAM;
import static nl.zes.passage.ExemptionServiceDouble.OLD_VAN;
import static nl.zes.passage.Passages.passage;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.admin.ConfigEntry;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.ConfigResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.zes.common.bus.Topics;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DOMAIN.md §8: the raw topic keeps plates for hours only, and a violation's plate is erased after its retention. */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class PassageRetentionTest {

  @Test
  void theReceivedTopicHasShortRetentionAndOldViolationsLoseTheirPlate(Vertx vertx, TestInfra infra,
      VertxTestContext ctx) {
    new ExemptionServiceDouble(vertx).start();
    Map<String, String> env = infra.env();
    env.put("ZES_EVALUATOR_DRAIN", "500ms");
    env.put("ZES_RECEIVED_RETENTION", "6h");
    env.put("ZES_VIOLATION_RETENTION", "30d");
    env.put("ZES_VIOLATION_PURGE_INTERVAL", "1s");
    String topic = infra.kafkaConfig().topic(Topics.PASSAGES_RECEIVED);
    vertx.deployVerticle(new PassageVerticle(PassageConfig.fromEnv(env)))
        .compose(v -> Passages.ingest(vertx, AMSTERDAM,
            new JsonArray().add(passage("r-1", OLD_VAN, "2025-11-03T08:00:00+01:00"))))
        .compose(v -> Await.until(vertx, () -> Future.succeededFuture(infra.psql(
                "SELECT verdict || ':' || coalesce(plate, '-') FROM passages.passage_verdict WHERE id = 'r-1'").trim()),
            "FINE:-"::equals, Duration.ofSeconds(25)))
        .compose(v -> {
          KafkaAdminClient admin = KafkaAdminClient.create(vertx, infra.kafkaConfig().common());
          ConfigResource resource = new ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
          return admin.describeConfigs(List.of(resource)).map(configs -> configs.get(resource).getEntries().stream()
              .filter(e -> e.getName().equals("retention.ms")).map(ConfigEntry::getValue).findFirst().orElse(null))
              .eventually(admin::close);
        })
        .onComplete(ctx.succeeding(retention -> ctx.verify(() -> {
          assertThat(retention).isEqualTo(String.valueOf(Duration.ofHours(6).toMillis()));
          assertThat(infra.psql("SELECT count(*) FROM passages.violation_day").trim()).isEqualTo("0");
          assertThat(PassageEvaluationTest.rowsMentioning(infra, OLD_VAN)).isEqualTo("0");
          ctx.completeNow();
        })));
  }
}
