package nl.zes.passage;

import static nl.zes.passage.ExemptionServiceDouble.AMSTERDAM;
import static nl.zes.passage.ExemptionServiceDouble.OLD_VAN;
import static nl.zes.passage.ExemptionServiceDouble.ROTTERDAM;
import static nl.zes.passage.ExemptionServiceDouble.ZERO_EMISSION_VAN;
import static nl.zes.passage.Passages.passage;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Map;
import nl.zes.common.bus.Addresses;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ingestion against real PostgreSQL and Kafka: validation, de-duplication, tenancy, Kafka down, saturation. */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class PassageIngestionTest {

  private static final Duration BOUND = Duration.ofSeconds(60);

  @BeforeEach
  void deploy(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    new ExemptionServiceDouble(vertx).start();
    Map<String, String> env = infra.env();
    env.put("ZES_INGEST_MAX_IN_FLIGHT", "1");
    env.put("ZES_EVALUATOR_DRAIN", "1s");
    vertx.deployVerticle(new PassageVerticle(PassageConfig.fromEnv(env))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void acceptsValidItemsRejectsInvalidOnesAndCountsDuplicates(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    JsonArray items = new JsonArray()
        .add(passage("mix-1", "ab-123-c", "2025-11-03T08:15:00+01:00"))
        .add(passage("mix-2", "NOT-A-PLATE", "2025-11-03T08:16:00+01:00"))
        .add(passage("mix-3", OLD_VAN, "2025-11-03T08:17:00+01:00").put("country", "de"))
        .add(passage("mix-1", ZERO_EMISSION_VAN, "2025-11-03T08:15:00+01:00"))
        .add(passage("mix-4", OLD_VAN, "2025-11-03T08:18:00").put("zone", "rotterdam-centrum"))
        .add(passage("mix-5", OLD_VAN, "2025-11-03T08:19:00+01:00").put("municipality", AMSTERDAM))
        .add("not an object");
    Passages.ingest(vertx, AMSTERDAM, items)
        .compose(first -> {
          ctx.verify(() -> {
            assertThat(first.getInteger("accepted")).isEqualTo(3);
            assertThat(first.getInteger("duplicates")).isEqualTo(1);
            JsonArray rejected = first.getJsonArray("rejected");
            assertThat(rejected.stream().map(r -> ((JsonObject) r).getInteger("index"))).containsExactly(1, 4, 6);
            assertThat(rejected.getJsonObject(0).getString("id")).isEqualTo("mix-2");
            assertThat(rejected.getJsonObject(0).encode()).contains("\"field\":\"plate\"");
            assertThat(rejected.getJsonObject(1).encode()).contains("\"field\":\"zone\"", "\"field\":\"timestamp\"");
          });
          return Passages.ingest(vertx, AMSTERDAM, items);
        })
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertThat(again.getInteger("accepted")).isZero();
          assertThat(again.getInteger("duplicates")).isEqualTo(4);
          assertThat(infra.psql("SELECT string_agg(id, ',' ORDER BY id) FROM passages.passage_claim WHERE id LIKE 'mix-%'").trim())
              .isEqualTo("mix-1,mix-3,mix-5");
          ctx.completeNow();
        })));
  }

  @Test
  void aPassageForAnotherMunicipalityRejectsTheWholeRequest(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    JsonArray items = new JsonArray()
        .add(passage("ten-1", OLD_VAN, "2025-11-03T08:15:00+01:00"))
        .add(passage("ten-2", OLD_VAN, "2025-11-03T08:15:00+01:00").put("municipality", ROTTERDAM));
    Future<Integer> otherMunicipality = Passages.status(Passages.ingest(vertx, AMSTERDAM, items));
    Future<Integer> notAMunicipalityKey = Passages.status(vertx.eventBus().request(Addresses.PASSAGES_INGEST,
        new JsonObject().put("items", new JsonArray().add(passage("ten-3", OLD_VAN, "2025-11-03T08:15:00+01:00"))),
        Passages.as("admin", null)));
    Future.all(otherMunicipality, notAMunicipalityKey).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(otherMunicipality.result()).isEqualTo(403);
      assertThat(notAMunicipalityKey.result()).isEqualTo(403);
      assertThat(infra.psql("SELECT count(*) FROM passages.passage_claim WHERE id LIKE 'ten-%'").trim()).isEqualTo("0");
      ctx.completeNow();
    })));
  }

  @Test
  void kafkaDownIs503WithNothingClaimedAndTheRetryIsAcceptedNotDuplicate(Vertx vertx, TestInfra infra,
      VertxTestContext ctx) {
    JsonArray items = new JsonArray()
        .add(passage("kd-1", OLD_VAN, "2025-11-03T08:15:00+01:00"))
        .add(passage("kd-2", ZERO_EMISSION_VAN, "2025-11-03T08:16:00+01:00"));
    Passages.ingest(vertx, AMSTERDAM, new JsonArray().add(passage("kd-0", OLD_VAN, "2025-11-03T08:14:00+01:00")))
        .compose(warm -> Await.blocking(vertx, () -> {
          infra.kafka().stop();
          return null;
        }))
        .compose(v -> {
          Future<JsonObject> whileDown = Passages.ingest(vertx, AMSTERDAM, items);
          // Ingestion allows one request in flight here: the second is answered at once, not queued.
          Future<Integer> saturated = Passages.status(Passages.ingest(vertx, AMSTERDAM, items));
          return Future.all(Passages.status(whileDown), saturated).map(all -> {
            ctx.verify(() -> {
              assertThat(saturated.result()).isEqualTo(429);
              assertThat(all.<Integer>resultAt(0)).isEqualTo(503);
              assertThat(whileDown.cause()).isInstanceOf(ReplyException.class);
              assertThat(whileDown.cause().getMessage()).contains("/problems/unavailable");
              assertThat(infra.psql("SELECT string_agg(id, ',') FROM passages.passage_claim WHERE id LIKE 'kd-%'").trim()).isEqualTo("kd-0");
            });
            return null;
          });
        })
        .eventually(() -> Await.blocking(vertx, () -> {
          infra.kafka().restart();
          return null;
        }))
        .compose(v -> Await.until(vertx, () -> Passages.ingest(vertx, AMSTERDAM, items), reply -> true, BOUND))
        .onComplete(ctx.succeeding(retried -> ctx.verify(() -> {
          assertThat(retried.getInteger("accepted")).isEqualTo(2);
          assertThat(retried.getInteger("duplicates")).isZero();
          ctx.completeNow();
        })));
  }
}
