package nl.zes.passage;

import static nl.zes.passage.ExemptionServiceDouble.AMSTERDAM;
import static nl.zes.passage.ExemptionServiceDouble.EXEMPT_TRUCK;
import static nl.zes.passage.ExemptionServiceDouble.OLD_TRUCK;
import static nl.zes.passage.ExemptionServiceDouble.OLD_VAN;
import static nl.zes.passage.ExemptionServiceDouble.ROTTERDAM;
import static nl.zes.passage.ExemptionServiceDouble.UNKNOWN;
import static nl.zes.passage.ExemptionServiceDouble.ZERO_EMISSION_VAN;
import static nl.zes.passage.Passages.passage;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.Topics;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Evaluation against real PostgreSQL and Kafka, with the exemption-service as a fixed table: the verdicts of
 * DOMAIN.md §7, the per-day rule, the evaluated topic, queries with tenancy and paging, and that no plate of an
 * allowed passage remains anywhere in the passages schema.
 */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class PassageEvaluationTest {

  private static final Duration BOUND = Duration.ofSeconds(25);
  private static final String FOREIGN = "M1234";
  private ExemptionServiceDouble exemptions;

  @BeforeEach
  void deploy(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    exemptions = new ExemptionServiceDouble(vertx).start();
    Map<String, String> env = infra.env();
    env.put("ZES_EVALUATOR_DRAIN", "1s");
    vertx.deployVerticle(new PassageVerticle(PassageConfig.fromEnv(env))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void decidesEachPassageAsTheDomainSaysAndKeepsPlatesOnlyForViolations(Vertx vertx, TestInfra infra,
      VertxTestContext ctx) {
    JsonArray items = new JsonArray()
        .add(passage("e-1", OLD_VAN, "2025-11-03T08:00:00+01:00"))
        .add(passage("e-2", "1-abc-23", "2025-11-03T09:00:00+01:00"))
        .add(passage("e-3", OLD_VAN, "2025-11-03T23:30:00Z"))
        .add(passage("e-4", OLD_TRUCK, "2025-06-30T10:00:00+02:00"))
        .add(passage("e-5", ZERO_EMISSION_VAN, "2025-11-03T08:05:00+01:00"))
        .add(passage("e-6", EXEMPT_TRUCK, "2025-11-03T08:06:00+01:00"))
        .add(passage("e-7", FOREIGN, "2025-11-03T08:07:00+01:00").put("country", "DE"))
        .add(passage("e-8", UNKNOWN, "2025-11-03T08:08:00+01:00"))
        .add(passage("e-9", OLD_TRUCK, "2025-11-03T10:00:00+01:00"));
    Passages.ingest(vertx, AMSTERDAM, items)
        .compose(reply -> Await.until(vertx, () -> Future.succeededFuture(
            infra.psql("SELECT count(*) FROM passages.passage_verdict WHERE id LIKE 'e-%'").trim()),
            "9"::equals, BOUND))
        .compose(done -> {
          ctx.verify(() -> {
            assertThat(infra.psql("SELECT string_agg(id || ':' || verdict || ':' || coalesce(fine_eur::text, '-')"
                + " || ':' || coalesce(plate, '-'), ' ' ORDER BY id) FROM passages.passage_verdict"
                + " WHERE id LIKE 'e-%'").trim()).isEqualTo("e-1:FINE:120:1ABC23 e-2:REPEAT:-:- e-3:FINE:120:1ABC23"
                + " e-4:WARNING:-:ABC12D e-5:ALLOWED:-:- e-6:ALLOWED:-:- e-7:NOT_ENFORCEABLE:-:-"
                + " e-8:UNRESOLVED:-:- e-9:FINE:310:ABC12D");
            for (String plate : List.of(ZERO_EMISSION_VAN, EXEMPT_TRUCK, FOREIGN, UNKNOWN)) {
              assertThat(rowsMentioning(infra, plate)).as("rows holding plate " + plate).isEqualTo("0");
            }
          });
          return evaluatedEvents(vertx, infra, 9);
        })
        .compose(events -> {
          ctx.verify(() -> {
            assertThat(events.get("e-1").getString("plate")).isEqualTo(OLD_VAN);
            assertThat(events.get("e-1").getInteger("fineAmountEur")).isEqualTo(120);
            assertThat(events.get("e-4").getString("verdict")).isEqualTo("WARNING");
            assertThat(events.get("e-4").getString("plate")).isEqualTo(OLD_TRUCK);
            for (String id : List.of("e-2", "e-5", "e-6", "e-7", "e-8")) {
              assertThat(events.get(id).containsKey("plate")).as(id).isFalse();
            }
            assertThat(events.get("e-7").getString("verdict")).isEqualTo("NOT_ENFORCEABLE");
            assertThat(events.get("e-7").getString("country")).isEqualTo("DE");
          });
          return Future.all(Passages.get(vertx, AMSTERDAM, "e-5"), Passages.get(vertx, AMSTERDAM, "e-1"),
              Passages.status(Passages.get(vertx, ROTTERDAM, "e-1")));
        })
        .onComplete(ctx.succeeding(views -> ctx.verify(() -> {
          JsonObject allowed = views.resultAt(0);
          assertThat(allowed.getString("verdict")).isEqualTo("ALLOWED");
          assertThat(allowed.getValue("plate")).isNull();
          assertThat(allowed.getString("vehicleKind")).isEqualTo("VAN");
          assertThat(allowed.getString("timestamp")).isEqualTo("2025-11-03T08:05+01:00");
          JsonObject fined = views.resultAt(1);
          assertThat(fined.getString("plate")).isEqualTo(OLD_VAN);
          assertThat(fined.getString("rule")).isEqualTo("VAN_OLD");
          assertThat(views.<Integer>resultAt(2)).as("another municipality's passage").isEqualTo(404);
          ctx.completeNow();
        })));
  }

  @Test
  void aClaimedPassageIsPendingUntilTheExemptionServiceAnswersThenEvaluated(Vertx vertx, VertxTestContext ctx) {
    exemptions.stopAccess()
        .compose(v -> Passages.ingest(vertx, AMSTERDAM,
            new JsonArray().add(passage("p-1", OLD_VAN, "2025-11-05T08:00:00+01:00"))))
        .compose(v -> Passages.get(vertx, AMSTERDAM, "p-1"))
        .compose(pending -> {
          ctx.verify(() -> {
            assertThat(pending.getString("verdict")).isEqualTo("PENDING");
            assertThat(pending.getValue("plate")).isNull();
            assertThat(pending.getString("zone")).isEqualTo(ExemptionServiceDouble.ZONE);
          });
          exemptions.startAccess();
          return Await.until(vertx, () -> Passages.get(vertx, AMSTERDAM, "p-1"),
              view -> "FINE".equals(view.getString("verdict")), BOUND);
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void listsViolationsByPeriodAndKindInPagesWithTenancy(Vertx vertx, VertxTestContext ctx) {
    JsonArray items = new JsonArray();
    for (int day = 10; day <= 14; day++) {
      items.add(passage("v-" + day, OLD_VAN, "2025-11-" + day + "T08:00:00+01:00").put("zone", "rotterdam-centrum"));
    }
    items.add(passage("v-w", OLD_TRUCK, "2025-06-12T08:00:00+02:00").put("zone", "rotterdam-centrum"));
    JsonObject everything = new JsonObject().put("from", "2025-06-01").put("to", "2025-11-30");
    Passages.ingest(vertx, ROTTERDAM, items)
        .compose(v -> Await.until(vertx, () -> violations(vertx, "municipality", ROTTERDAM,
            everything.copy().put("limit", "1000")), page -> page.getJsonArray("items").size() == 6, BOUND))
        .compose(all -> {
          ctx.verify(() -> assertThat(all.getValue("nextCursor")).isNull());
          return pages(vertx, new JsonObject().put("from", "2025-11-11").put("to", "2025-11-13").put("kind", "FINE")
              .put("limit", "2"), null, new ArrayList<>());
        })
        .compose(ids -> {
          ctx.verify(() -> assertThat(ids).containsExactly("v-11", "v-12", "v-13"));
          JsonObject warnings = everything.copy().put("kind", "WARNING");
          return Future.all(List.of(
              violations(vertx, "municipality", ROTTERDAM, warnings),
              violations(vertx, "admin", null, warnings.copy().put("municipality", ROTTERDAM)),
              Passages.status(violations(vertx, "municipality", AMSTERDAM, warnings.copy().put("municipality",
                  ROTTERDAM))),
              Passages.status(violations(vertx, "admin", null, warnings.copy().put("municipality", "GM9999"))),
              Passages.status(violations(vertx, "municipality", ROTTERDAM, warnings.copy().put("from", "2025-13-01"))),
              Passages.status(violations(vertx, "municipality", ROTTERDAM, warnings.copy().put("limit", "1001"))),
              Passages.status(violations(vertx, "municipality", ROTTERDAM, warnings.copy().put("cursor", "@@"))),
              Passages.status(violations(vertx, "municipality", ROTTERDAM, warnings.copy().put("kind", "REPEAT"))),
              Passages.status(violations(vertx, "municipality", ROTTERDAM, warnings.copy().put("to", "2025-01-01"))),
              Passages.status(violations(vertx, "reporting", null, warnings))));
        })
        .onComplete(ctx.succeeding(results -> ctx.verify(() -> {
          JsonObject own = results.resultAt(0);
          assertThat(own.getJsonArray("items")).hasSize(1);
          JsonObject warning = own.getJsonArray("items").getJsonObject(0);
          assertThat(warning.getString("passageId")).isEqualTo("v-w");
          assertThat(warning.getString("kind")).isEqualTo("WARNING");
          assertThat(warning.getString("plate")).isEqualTo(OLD_TRUCK);
          assertThat(warning.getString("vehicleKind")).isEqualTo("TRUCK");
          assertThat(warning.getValue("fineAmountEur")).isNull();
          assertThat(results.<JsonObject>resultAt(1).getJsonArray("items")).hasSize(1);
          assertThat(List.of(results.<Integer>resultAt(2), results.resultAt(3), results.resultAt(4),
              results.resultAt(5), results.resultAt(6), results.resultAt(7), results.resultAt(8), results.resultAt(9)))
              .containsExactly(403, 422, 400, 400, 400, 400, 422, 403);
          ctx.completeNow();
        })));
  }

  private Future<List<String>> pages(Vertx vertx, JsonObject query, String cursor, List<String> ids) {
    JsonObject page = cursor == null ? query : query.copy().put("cursor", cursor);
    return violations(vertx, "municipality", ROTTERDAM, page).compose(result -> {
      result.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("passageId")));
      String next = result.getString("nextCursor");
      return next == null ? Future.succeededFuture(ids) : pages(vertx, query, next, ids);
    });
  }

  private static Future<JsonObject> violations(Vertx vertx, String role, String municipality, JsonObject query) {
    return vertx.eventBus().<JsonObject>request(Addresses.PASSAGES_VIOLATIONS, query,
        Passages.as(role, municipality)).map(reply -> reply.body());
  }

  /** How many rows of any table of the passages schema hold the plate in any text column. */
  static String rowsMentioning(TestInfra infra, String plate) {
    String columns = infra.psql("SELECT string_agg(format('SELECT count(*) FROM passages.%I WHERE %I::text LIKE %L',"
        + " table_name, column_name, '%" + plate + "%'), ' UNION ALL ') FROM information_schema.columns"
        + " WHERE table_schema = 'passages' AND data_type IN ('text', 'character varying', 'jsonb', 'json')").trim();
    return infra.psql("SELECT coalesce(sum(count), 0) FROM (" + columns + ") AS hits").trim();
  }

  /** The evaluated topic's verdicts by passage id, once {@code count} passages are seen. */
  static Future<Map<String, JsonObject>> evaluatedEvents(Vertx vertx, TestInfra infra, int count) {
    return read(vertx, infra, records -> records.stream().map(r -> r.getString("passageId")).distinct().count()
        >= count).map(records -> {
          Map<String, JsonObject> byId = new ConcurrentHashMap<>();
          records.forEach(r -> byId.put(r.getString("passageId"), r));
          return byId;
        });
  }

  /** Every record of the evaluated topic, once there are at least {@code count}. */
  static Future<List<JsonObject>> evaluatedRecords(Vertx vertx, TestInfra infra, int count) {
    return read(vertx, infra, records -> records.size() >= count);
  }

  /** Every record of the evaluated topic read until {@code passages} distinct passages are seen among them. */
  static Future<List<JsonObject>> evaluatedRecordsOfPassages(Vertx vertx, TestInfra infra, int passages) {
    return read(vertx, infra, records -> records.stream().map(r -> r.getString("passageId")).distinct().count()
        >= passages);
  }

  /** Reads the evaluated topic from the start with a group of its own until the condition holds. */
  private static Future<List<JsonObject>> read(Vertx vertx, TestInfra infra, Predicate<List<JsonObject>> enough) {
    Map<String, String> config = infra.kafkaConfig().consumer("test-reader-" + System.nanoTime());
    KafkaConsumer<String, String> reader = KafkaConsumer.create(vertx, config);
    List<JsonObject> seen = new CopyOnWriteArrayList<>();
    return reader.subscribe(infra.kafkaConfig().topic(Topics.PASSAGES_EVALUATED))
        .compose(v -> Await.until(vertx, () -> reader.poll(Duration.ofMillis(200)).map(records -> {
          for (int i = 0; i < records.size(); i++) {
            seen.add(new JsonObject(records.recordAt(i).value()));
          }
          return List.copyOf(seen);
        }), enough, BOUND))
        .eventually(reader::close);
  }
}
