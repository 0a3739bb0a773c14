package nl.zes.reporting;

import static nl.zes.reporting.EventFeed.application;
import static nl.zes.reporting.EventFeed.dayExemption;
import static nl.zes.reporting.EventFeed.passage;
import static nl.zes.reporting.ReportingUnderTest.period;
import static nl.zes.reporting.ReportingUnderTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.Topics;
import nl.zes.reporting.ingest.DeadLetters;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The roll-ups count each evaluated passage exactly once: across a restart whose consumer never committed to
 * Kafka, across a passage published twice, and past records that cannot be parsed (dead-lettered, counted).
 */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class ExactlyOnceIngestTest {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

  @BeforeAll
  static void meters() {
    Metrics.addRegistry(METERS);
  }

  @Test
  void aRestartWithoutKafkaCommitsDuplicatesAndGarbageStillCountEachPassageOnce(Vertx vertx, TestInfra infra,
      VertxTestContext ctx) {
    String topic = infra.kafkaConfig().topic(Topics.PASSAGES_EVALUATED);
    double deadBefore = deadLetters();
    JsonObject day = period("2025-11-03", "2025-11-03").put("municipality", "GM0344");
    Future<String> first = ReportingUnderTest.deploy(vertx, infra);
    first
        .compose(id -> Await.blocking(vertx, () -> {
          try (EventFeed feed = new EventFeed(infra.kafkaConfig())) {
            for (int i = 0; i < 300; i++) {
              feed.evaluated(allowedVan("p" + i));
            }
            for (int i = 0; i < 20; i++) {
              feed.evaluated(allowedVan("p" + i));
            }
            feed.raw(Topics.PASSAGES_EVALUATED, "bad-1", "{not json");
            feed.raw(Topics.PASSAGES_EVALUATED, "bad-2", allowedVan("p-bad").put("verdict", "MAYBE").encode());
            feed.flush();
          }
          return null;
        }))
        .compose(v -> Await.until(vertx, () -> storedOffsetSum(vertx, infra, topic), sum -> sum == 322, BOUND))
        .compose(v -> report(vertx, Addresses.REPORTING_COMPLIANCE, day))
        .compose(report -> {
          ctx.verify(() -> {
            assertThat(report.getJsonArray("municipalities").getJsonObject(0).getLong("allowed")).isEqualTo(300);
            assertThat(deadLetters() - deadBefore).isEqualTo(2.0);
          });
          return Await.blocking(vertx, () -> deadLetterValues(infra));
        })
        .compose(dead -> {
          ctx.verify(() -> assertThat(dead).hasSize(2).contains("{not json"));
          // The consumer stops, and Kafka loses every commit it made: as if it had died before each commit.
          return vertx.undeploy(first.result());
        })
        .compose(v -> Await.until(vertx, () -> Await.blocking(vertx, () -> deleteGroup(infra)), deleted -> deleted,
            BOUND))
        .compose(v -> ReportingUnderTest.deploy(vertx, infra))
        .compose(id -> Await.blocking(vertx, () -> {
          try (EventFeed feed = new EventFeed(infra.kafkaConfig())) {
            for (int i = 300; i < 350; i++) {
              feed.evaluated(allowedVan("p" + i));
            }
            feed.flush();
          }
          return null;
        }))
        .compose(v -> Await.until(vertx, () -> storedOffsetSum(vertx, infra, topic), sum -> sum == 372, BOUND))
        .compose(v -> report(vertx, Addresses.REPORTING_COMPLIANCE, day))
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          JsonObject row = report.getJsonArray("municipalities").getJsonObject(0);
          assertThat(row.getLong("allowed")).isEqualTo(350);
          assertThat(row.getLong("passages")).isEqualTo(350);
          assertThat(infra.psql("SELECT count(*) FROM reporting.seen_passage")).contains("350");
          ctx.completeNow();
        })));
  }

  @Test
  void olderVersionsAndReplaysOfExemptionChangesChangeNothing(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    JsonObject period = period("2025-03-01", "2025-03-31");
    ReportingUnderTest.deploy(vertx, infra)
        .compose(id -> Await.blocking(vertx, () -> {
          try (EventFeed feed = new EventFeed(infra.kafkaConfig())) {
            String at = "2025-03-10T10:00:00+01:00";
            feed.changed(application("e1", 1, "PRIVATE_USE", "NATIONAL", at, "PENDING"))
                .changed(application("e1", 3, "PRIVATE_USE", "NATIONAL", at, "GRANTED"))
                .changed(application("e1", 2, "PRIVATE_USE", "NATIONAL", at, "REJECTED"))
                .changed(application("e1", 3, "PRIVATE_USE", "NATIONAL", at, "GRANTED"))
                .changed(dayExemption("d1", 1, "GM0363", "2025-03-12"))
                .changed(dayExemption("d1", 1, "GM0363", "2025-03-12"))
                .changed(dayExemption("d2", 1, "GM0363", "2025-03-20"));
            feed.flush();
          }
          return null;
        }))
        // Both day exemptions stored before the second batch, so that d2's next version moves a stored row.
        .compose(v -> Await.until(vertx, () -> report(vertx, Addresses.REPORTING_DAY_EXEMPTIONS, period),
            r -> r.getJsonArray("perMonth").getJsonObject(0).getLong("count") == 2, BOUND))
        .compose(v -> Await.blocking(vertx, () -> {
          try (EventFeed feed = new EventFeed(infra.kafkaConfig())) {
            String at = "2025-03-10T10:00:00+01:00";
            // A second batch with an older version, so that it meets the stored row rather than the batch's own.
            feed.changed(application("e1", 2, "PRIVATE_USE", "NATIONAL", at, "SET_ASIDE"));
            feed.changed(application("e2", 1, "HARDSHIP", "LOCAL", at, "PENDING", "GM0363"));
            // A newer version moves d2 to another day and municipality: its count moves with it.
            feed.changed(dayExemption("d2", 2, "GM0599", "2025-04-02"));
            feed.flush();
          }
          return null;
        }))
        .compose(v -> Await.until(vertx, () -> report(vertx, Addresses.REPORTING_DAY_EXEMPTIONS,
            period("2025-04-01", "2025-04-30")), r -> r.getJsonArray("perMonth").getJsonObject(0).getLong("count") == 1,
            BOUND))
        .compose(v -> Await.until(vertx, () -> report(vertx, Addresses.REPORTING_EXEMPTIONS, period),
            r -> r.getLong("local") == 1, BOUND))
        .compose(exemptions -> report(vertx, Addresses.REPORTING_DAY_EXEMPTIONS, period)
            .map(days -> List.of(exemptions, days)))
        .onComplete(ctx.succeeding(reports -> ctx.verify(() -> {
          JsonObject outcomes = reports.get(0).getJsonObject("outcomes");
          assertThat(outcomes.getLong("total")).isEqualTo(2);
          assertThat(outcomes.getLong("granted")).isEqualTo(1);
          assertThat(outcomes.getLong("pending")).isEqualTo(1);
          assertThat(outcomes.getLong("rejected")).isZero();
          assertThat(outcomes.getLong("setAside")).isZero();
          assertThat(reports.get(1).getJsonArray("perMonth").getJsonObject(0).getLong("count")).isEqualTo(1);
          assertThat(reports.get(1).getJsonArray("perMunicipality")).hasSize(1);
          assertThat(infra.psql("SELECT day || municipality || ':' || n FROM reporting.day_exemption_count"
              + " ORDER BY day")).contains("2025-03-12GM0363:1", "2025-03-20GM0363:0", "2025-04-02GM0599:1");
          assertThat(infra.psql("SELECT version || status FROM reporting.exemption_application WHERE id = 'e1'"))
              .contains("3GRANTED");
          ctx.completeNow();
        })));
  }

  private static JsonObject allowedVan(String id) {
    return passage(id, "GM0344", "2025-11-03T09:00:00+01:00", "ALLOWED", "ZERO_EMISSION", "ZERO_EMISSION", "VAN",
        "NL");
  }

  private static double deadLetters() {
    return METERS.counter(DeadLetters.METER, "topic", Topics.PASSAGES_EVALUATED).count();
  }

  private static Future<Long> storedOffsetSum(Vertx vertx, TestInfra infra, String topic) {
    return Await.blocking(vertx, () -> {
      String out = infra.psql("SELECT coalesce(sum(next_offset), 0) FROM reporting.consumer_offset WHERE topic = '"
          + topic + "'").trim();
      return Long.parseLong(out.lines().filter(l -> l.matches("\\d+")).findFirst().orElse("0"));
    });
  }

  private static boolean deleteGroup(TestInfra infra) {
    Map<String, Object> config = new HashMap<>(infra.kafkaConfig().common());
    try (Admin admin = Admin.create(config)) {
      admin.deleteConsumerGroups(List.of(infra.kafkaConfig().group(ReportingVerticle.PASSAGES_GROUP))).all().get();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static List<String> deadLetterValues(TestInfra infra) {
    Map<String, Object> config = new HashMap<>(infra.kafkaConfig().consumer("dead-letter-reader"));
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(infra.kafkaConfig().topic(Topics.PASSAGES_EVALUATED_DEAD_LETTER)));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < 2 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
