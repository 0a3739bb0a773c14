package nl.zes.passage;

import static nl.zes.passage.ExemptionServiceDouble.AMSTERDAM;
import static nl.zes.passage.ExemptionServiceDouble.OLD_TRUCK;
import static nl.zes.passage.ExemptionServiceDouble.OLD_VAN;
import static nl.zes.passage.ExemptionServiceDouble.UNKNOWN;
import static nl.zes.passage.ExemptionServiceDouble.ZERO_EMISSION_VAN;
import static nl.zes.passage.ExemptionServiceDouble.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.zes.common.bus.Topics;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL goes down while the evaluator is in the middle of a batch, with more batches behind it (posted through
 * ingestion before, and produced to the received topic during the outage, as other instances would), and comes
 * back. Without being restarted, the evaluator finishes them all: every passage has exactly one verdict, each plate
 * has one violation per day, and what was published agrees with what was stored.
 */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class PassageDatabaseOutageTest {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final int POSTED = 120;
  private static final int PRODUCED = 120;
  private static final int BATCH = 25;
  private static final int PIPELINE = 3;
  private static final List<String> PLATES = List.of(OLD_VAN, OLD_TRUCK, ZERO_EMISSION_VAN, UNKNOWN);
  private static final int DAYS = 4;

  @Test
  @Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
  void aDatabaseOutageMidBatchLosesAndDoublesNothingAndTheEvaluatorResumesByItself(Vertx vertx, TestInfra infra,
      VertxTestContext ctx) {
    ExemptionServiceDouble exemptions = new ExemptionServiceDouble(vertx).start();
    Map<String, String> env = infra.env();
    env.put("ZES_EVALUATOR_DRAIN", "1s");
    env.put("ZES_KAFKA_PARTITIONS", "2");
    env.put("ZES_EVALUATOR_BATCH", String.valueOf(BATCH));
    env.put("ZES_EVALUATOR_PIPELINE", String.valueOf(PIPELINE));
    PassageConfig config = PassageConfig.fromEnv(env);
    Promise<Void> release = Promise.promise();
    Future<Void> midBatch = exemptions.holdNextAccess(release.future());
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, infra.kafkaConfig().producer("outage-test"));
    vertx.deployVerticle(new PassageVerticle(config))
        .compose(id -> Passages.ingest(vertx, AMSTERDAM, posted()))
        .compose(reply -> {
          ctx.verify(() -> assertThat(reply.getInteger("accepted")).isEqualTo(POSTED));
          return midBatch;
        })
        .compose(v -> Await.blocking(vertx, () -> {
          infra.postgres().stop();
          return null;
        }))
        .compose(v -> produce(producer, config))
        .compose(v -> {
          release.complete();
          // The held batch cannot be stored; the ones behind it are asked about until the pipeline is full.
          return Await.until(vertx, () -> Future.succeededFuture(exemptions.batches.get()),
              asked -> asked >= PIPELINE, BOUND);
        })
        .eventually(() -> Await.blocking(vertx, () -> {
          infra.postgres().restart();
          return null;
        }))
        .compose(v -> Await.until(vertx, () -> Future.succeededFuture(
            infra.psql("SELECT count(*) FROM passages.passage_verdict").trim()),
            String.valueOf(POSTED + PRODUCED)::equals, BOUND))
        .compose(v -> PassageEvaluationTest.evaluatedRecordsOfPassages(vertx, infra, POSTED + PRODUCED))
        .eventually(producer::close)
        .onComplete(ctx.succeeding(events -> ctx.verify(() -> {
          assertThat(infra.psql("SELECT count(DISTINCT id) FROM passages.passage_verdict WHERE id LIKE 'o-%'"
              + " OR id LIKE 'k-%'").trim()).isEqualTo(String.valueOf(POSTED + PRODUCED));
          // Two plates are violations, on each of the days: exactly one WARNING/FINE per plate and day.
          assertThat(infra.psql("SELECT count(*) || '/' || count(DISTINCT (plate, day)) FROM passages.passage_verdict"
              + " WHERE verdict IN ('WARNING', 'FINE')").trim()).isEqualTo((2 * DAYS) + "/" + (2 * DAYS));
          assertThat(infra.psql("SELECT count(*) FROM passages.violation_day d JOIN passages.passage_verdict v"
              + " ON v.municipality = d.municipality AND v.id = d.passage_id AND v.plate = d.plate"
              + " AND v.verdict IN ('WARNING', 'FINE')").trim()).isEqualTo(String.valueOf(2 * DAYS));
          assertThat(infra.psql("SELECT count(*) FROM passages.violation_day").trim())
              .isEqualTo(String.valueOf(2 * DAYS));
          // Published at least once each; a batch replayed after the outage publishes the same verdict again.
          List<String> stored = Stream.of(infra.psql("SELECT string_agg(id || ':' || verdict, ' ')"
              + " FROM passages.passage_verdict").trim().split(" ")).sorted().toList();
          List<String> published = events.stream().map(e -> e.getString("passageId") + ":" + e.getString("verdict"))
              .distinct().sorted().toList();
          assertThat(published).containsExactlyElementsOf(stored);
          ctx.completeNow();
        })));
  }

  /** Posted before the outage: four plates (two violating) on four days. */
  private static JsonArray posted() {
    JsonArray items = new JsonArray();
    for (int i = 0; i < POSTED; i++) {
      items.add(Passages.passage("o-" + i, PLATES.get(i % PLATES.size()), timestamp(i).toString()));
    }
    return items;
  }

  /** Produced during the outage, as another instance's ingestion had written them: the same plates and days. */
  private static Future<Void> produce(KafkaProducer<String, String> producer, PassageConfig config) {
    String topic = config.kafka().topic(Topics.PASSAGES_RECEIVED);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < PRODUCED; i++) {
      String plate = PLATES.get(i % PLATES.size());
      ValidPassage passage = new ValidPassage("k-" + i, AMSTERDAM, ZONE, "cam2", timestamp(i), plate, "NL", null);
      String json = TopicJson.received(passage, OffsetDateTime.now().toString());
      sent.add(producer.send(KafkaProducerRecord.create(topic, plate, json)));
    }
    return Future.all(sent).mapEmpty();
  }

  private static OffsetDateTime timestamp(int i) {
    return OffsetDateTime.parse("2025-11-03T07:00:00+01:00").plusDays(i / PLATES.size() % DAYS).plusMinutes(i);
  }
}
