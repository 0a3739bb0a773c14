package nl.zes.passage;

import static nl.zes.passage.ExemptionServiceDouble.AMSTERDAM;
import static nl.zes.passage.ExemptionServiceDouble.OLD_TRUCK;
import static nl.zes.passage.ExemptionServiceDouble.OLD_VAN;
import static nl.zes.passage.ExemptionServiceDouble.ZERO_EMISSION_VAN;
import static nl.zes.passage.Passages.passage;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evaluator dies after storing and publishing a batch but before committing its offsets; a new one replays the
 * batch from Kafka. Every passage still has exactly one verdict, no violation exists twice, and the replay
 * publishes the same verdicts again (at-least-once, identical).
 */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class PassageExactlyOnceTest {

  @Test
  void aCrashBetweenWritesAndOffsetCommitChangesNothingOnReplay(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    new ExemptionServiceDouble(vertx).start();
    Map<String, String> env = infra.env();
    env.put("ZES_EVALUATOR_DRAIN", "500ms");
    env.put("ZES_KAFKA_PARTITIONS", "1");
    PassageConfig config = PassageConfig.fromEnv(env);
    Promise<Void> crashed = Promise.promise();
    AtomicBoolean first = new AtomicBoolean(true);
    AtomicReference<String> beforeCrash = new AtomicReference<>();
    // The first batch never reaches its commit: the hook hangs there, as a process killed at that point would.
    PassageEvaluator.Hook crashOnce = () -> first.getAndSet(false) ? hang(crashed) : Future.succeededFuture();
    JsonArray items = new JsonArray()
        .add(passage("x-1", OLD_VAN, "2025-11-03T08:00:00+01:00"))
        .add(passage("x-2", OLD_VAN, "2025-11-03T09:00:00+01:00"))
        .add(passage("x-3", OLD_TRUCK, "2025-11-03T10:00:00+01:00"))
        .add(passage("x-4", ZERO_EMISSION_VAN, "2025-11-03T11:00:00+01:00"));
    vertx.deployVerticle(new PassageVerticle(config, crashOnce))
        .compose(crashing -> Passages.ingest(vertx, AMSTERDAM, items)
            .compose(v -> crashed.future())
            .compose(v -> {
              beforeCrash.set(verdicts(infra));
              ctx.verify(() -> assertThat(beforeCrash.get()).isNotEmpty());
              return vertx.undeploy(crashing);
            }))
        .compose(v -> vertx.deployVerticle(new PassageVerticle(config)))
        // What was published before the crash is published again by the replay, then the other passages once.
        .compose(v -> PassageEvaluationTest.evaluatedRecords(vertx, infra,
            4 + beforeCrash.get().split(" ").length))
        .onComplete(ctx.succeeding(events -> ctx.verify(() -> {
          assertThat(verdicts(infra).split(" ")).as("verdicts stored before the crash are kept")
              .contains(beforeCrash.get().split(" "));
          assertThat(verdicts(infra)).isEqualTo("x-1:FINE x-2:REPEAT x-3:FINE x-4:ALLOWED");
          assertThat(infra.psql("SELECT count(*) FROM passages.passage_verdict").trim()).isEqualTo("4");
          assertThat(infra.psql("SELECT count(*) FROM passages.violation_day").trim()).isEqualTo("2");
          List<String> published = events.stream().map(e -> e.getString("passageId") + ":" + e.getString("verdict"))
              .distinct().sorted().toList();
          assertThat(published).containsExactly("x-1:FINE", "x-2:REPEAT", "x-3:FINE", "x-4:ALLOWED");
          assertThat(events).hasSize(4 + beforeCrash.get().split(" ").length);
          ctx.completeNow();
        })));
  }

  private static Future<Void> hang(Promise<Void> crashed) {
    crashed.tryComplete();
    return Promise.<Void>promise().future();
  }

  private static String verdicts(TestInfra infra) {
    return infra.psql("SELECT string_agg(id || ':' || verdict, ' ' ORDER BY id) FROM passages.passage_verdict")
        .trim();
  }
}
