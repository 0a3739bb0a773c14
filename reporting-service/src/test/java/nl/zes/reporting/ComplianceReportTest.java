package nl.zes.reporting;

import static nl.zes.reporting.EventFeed.passage;
import static nl.zes.reporting.ReportingUnderTest.ask;
import static nl.zes.reporting.ReportingUnderTest.period;
import static nl.zes.reporting.ReportingUnderTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import nl.zes.common.bus.Addresses;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Footnote 2's compliance on a known mix fed through Kafka (exemptions count as compliant; foreign, unresolved and
 * out-of-scope passages are not in {@code passages}), the enforcement table, the Europe/Amsterdam day boundary,
 * names from the municipality list, tenancy and the validation of parameters.
 */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class ComplianceReportTest {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private static boolean fed;

  @BeforeEach
  void deployAndFeed(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    // The exemption-service's municipality list, as it answers on the bus.
    vertx.eventBus().consumer(Addresses.EXEMPTIONS_MUNICIPALITIES, m -> m.reply(new JsonObject().put("items",
        new JsonArray()
            .add(new JsonObject().put("code", "GM0363").put("name", "Amsterdam"))
            .add(new JsonObject().put("code", "GM0599").put("name", "Rotterdam"))
            .add(new JsonObject().put("code", "GM0344").put("name", "Utrecht")))));
    ReportingUnderTest.deploy(vertx, infra)
        .compose(id -> fed ? Future.succeededFuture() : Await.blocking(vertx, () -> {
          feed(infra);
          fed = true;
          return null;
        }))
        .compose(v -> Await.until(vertx, () -> report(vertx, Addresses.REPORTING_ENFORCEMENT,
            period("2025-11-01", "2026-01-31")), r -> r.getJsonObject("totals").getLong("fines") == 6, BOUND))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void complianceFollowsFootnote2(Vertx vertx, VertxTestContext ctx) {
    report(vertx, Addresses.REPORTING_COMPLIANCE, period("2025-11-01", "2025-11-30"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          JsonArray rows = r.getJsonArray("municipalities");
          assertThat(rows).hasSize(2);
          JsonObject amsterdam = rows.getJsonObject(0);
          assertThat(amsterdam.copy().put("complianceRate", 0)).isEqualTo(new JsonObject()
              .put("code", "GM0363").put("name", "Amsterdam").put("passages", 105).put("allowed", 85)
              .put("exempted", 10).put("warnings", 2).put("fines", 4).put("repeats", 4).put("notEnforceable", 6)
              .put("unresolved", 8).put("complianceRate", 0));
          assertThat(amsterdam.getDouble("complianceRate")).isCloseTo(99.0 / 105, Offset.offset(1e-6));
          JsonObject rotterdam = rows.getJsonObject(1);
          assertThat(rotterdam.getLong("passages")).isEqualTo(1000);
          assertThat(rotterdam.getDouble("complianceRate")).isEqualTo(0.999);
          assertThat(r.getJsonObject("range").getDouble("min")).isCloseTo(99.0 / 105, Offset.offset(1e-6));
          assertThat(r.getJsonObject("range").getDouble("max")).isEqualTo(0.999);
          assertThat(r.getString("from")).isEqualTo("2025-11-01");
          ctx.completeNow();
        })));
  }

  @Test
  void aPassageAt2330UtcOnNewYearsEveBelongsToTheFirstOfJanuary(Vertx vertx, VertxTestContext ctx) {
    Future<JsonObject> newYearsEve = report(vertx, Addresses.REPORTING_COMPLIANCE, period("2025-12-31", "2025-12-31"));
    Future<JsonObject> newYear = report(vertx, Addresses.REPORTING_COMPLIANCE, period("2026-01-01", "2026-01-01"));
    Future<JsonObject> enforcement = report(vertx, Addresses.REPORTING_ENFORCEMENT, period("2025-11-01", "2026-01-31"));
    Future.all(newYearsEve, newYear, enforcement).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertThat(newYearsEve.result().getJsonArray("municipalities")).isEmpty();
      assertThat(newYearsEve.result().getJsonObject("range"))
          .isEqualTo(new JsonObject().putNull("min").putNull("max"));
      JsonObject row = newYear.result().getJsonArray("municipalities").getJsonObject(0);
      assertThat(row.getString("code")).isEqualTo("GM0599");
      assertThat(row.getLong("fines")).isEqualTo(1);
      assertThat(row.getDouble("complianceRate")).isEqualTo(0.0);
      assertThat(enforcement.result().getJsonArray("items")).containsExactly(
          new JsonObject().put("municipality", "GM0363").put("name", "Amsterdam").put("month", "2025-11")
              .put("warnings", 2).put("fines", 4).put("fineAmountEur", 3 * 310 + 120),
          new JsonObject().put("municipality", "GM0599").put("name", "Rotterdam").put("month", "2025-11")
              .put("warnings", 0).put("fines", 1).put("fineAmountEur", 120),
          new JsonObject().put("municipality", "GM0599").put("name", "Rotterdam").put("month", "2026-01")
              .put("warnings", 0).put("fines", 1).put("fineAmountEur", 310));
      assertThat(enforcement.result().getJsonObject("totals")).isEqualTo(new JsonObject()
          .put("warnings", 2).put("fines", 6).put("fineAmountEur", 3 * 310 + 120 + 120 + 310));
      ctx.completeNow();
    })));
  }

  @Test
  void theMonitoringBundleHoldsTheFourReportsOverSeveralMonths(Vertx vertx, VertxTestContext ctx) {
    JsonObject quarter = period("2025-11-01", "2026-01-31");
    Future<JsonObject> monitoring = report(vertx, Addresses.REPORTING_MONITORING, quarter);
    Future<JsonObject> compliance = report(vertx, Addresses.REPORTING_COMPLIANCE, quarter);
    Future<JsonObject> enforcement = report(vertx, Addresses.REPORTING_ENFORCEMENT, quarter);
    Future<JsonObject> exemptions = report(vertx, Addresses.REPORTING_EXEMPTIONS, quarter);
    Future<JsonObject> dayExemptions = report(vertx, Addresses.REPORTING_DAY_EXEMPTIONS, quarter);
    Future.all(monitoring, compliance, enforcement, exemptions, dayExemptions)
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          JsonObject bundle = monitoring.result();
          assertThat(bundle.getJsonObject("compliance")).isEqualTo(compliance.result());
          assertThat(bundle.getJsonObject("enforcement")).isEqualTo(enforcement.result());
          assertThat(bundle.getJsonObject("exemptions")).isEqualTo(exemptions.result());
          assertThat(bundle.getJsonObject("dayExemptions")).isEqualTo(dayExemptions.result());
          // Rotterdam's November and January summed into one compliance row.
          JsonObject rotterdam = compliance.result().getJsonArray("municipalities").getJsonObject(1);
          assertThat(rotterdam.getString("code")).isEqualTo("GM0599");
          assertThat(rotterdam.getLong("fines")).isEqualTo(2);
          assertThat(rotterdam.getLong("passages")).isEqualTo(1001);
          ctx.completeNow();
        })));
  }

  @Test
  void aMunicipalityKeySeesItsOwnMunicipalityOnly(Vertx vertx, VertxTestContext ctx) {
    Future<JsonObject> own = ask(vertx, Addresses.REPORTING_MONITORING, period("2025-11-01", "2025-11-30"),
        "municipality", "GM0599");
    Future<JsonObject> other = ask(vertx, Addresses.REPORTING_COMPLIANCE,
        period("2025-11-01", "2025-11-30").put("municipality", "GM0363"), "municipality", "GM0599");
    Future.join(own, other).onComplete(v -> ctx.verify(() -> {
      JsonObject monitoring = own.result();
      assertThat(monitoring.getJsonObject("compliance").getJsonArray("municipalities")).hasSize(1);
      assertThat(monitoring.getJsonObject("compliance").getJsonArray("municipalities").getJsonObject(0)
          .getString("code")).isEqualTo("GM0599");
      assertThat(monitoring.getJsonObject("enforcement").getJsonArray("items")).hasSize(1);
      assertThat(monitoring.fieldNames()).contains("compliance", "enforcement", "exemptions", "dayExemptions");
      assertThat(((ReplyException) other.cause()).failureCode()).isEqualTo(403);
      ctx.completeNow();
    }));
  }

  @Test
  void badParametersAreNamedProblems(Vertx vertx, VertxTestContext ctx) {
    List<Object[]> cases = List.of(
        new Object[] {new JsonObject().put("to", "2025-11-30"), 400, "from"},
        new Object[] {period("2025-11-31", "2025-12-01"), 400, "from"},
        new Object[] {period("2025-11-01", "30-11-2025"), 400, "to"},
        new Object[] {period("2025-12-01", "2025-11-30"), 422, "from"},
        new Object[] {period("2015-01-01", "2025-01-01"), 422, "to"},
        new Object[] {period("2025-11-01", "2025-11-30").put("municipality", "Amsterdam"), 400, "municipality"},
        new Object[] {period("2025-11-01", "2025-11-30").put("municipality", "GM9999"), 422, "municipality"},
        new Object[] {period("2025-11-01", "2025-11-30").put("scope", "global"), 400, "scope"});
    List<Future<JsonObject>> answers = cases.stream()
        .map(c -> report(vertx, Addresses.REPORTING_EXEMPTIONS, (JsonObject) c[0])).toList();
    Future.join(answers).onComplete(v -> ctx.verify(() -> {
      for (int i = 0; i < cases.size(); i++) {
        assertThat(answers.get(i).failed()).as("case %d", i).isTrue();
        ReplyException failure = (ReplyException) answers.get(i).cause();
        JsonObject problem = new JsonObject(failure.getMessage());
        assertThat(failure.failureCode()).as("case %d", i).isEqualTo(cases.get(i)[1]);
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).as("case %d", i)
            .isEqualTo(cases.get(i)[2]);
      }
      ctx.completeNow();
    }));
  }

  private static void feed(TestInfra infra) throws Exception {
    String at = "2025-11-10T09:00:00+01:00";
    try (EventFeed feed = new EventFeed(infra.kafkaConfig())) {
      int[] n = {0};
      add(feed, n, 50, passage("", "GM0363", at, "ALLOWED", "ZERO_EMISSION", "ZERO_EMISSION", "VAN", "NL"));
      add(feed, n, 30, passage("", "GM0363", at, "ALLOWED", "TRANSITION", "TRACTOR_EK6", "TRUCK", "NL"));
      add(feed, n, 5, passage("", "GM0363", at, "ALLOWED", "VRIJSTELLING", "VRIJSTELLING", "VAN", "NL"));
      add(feed, n, 7, passage("", "GM0363", at, "ALLOWED", "EXEMPTION", "VAN_OLD", "VAN", "NL"));
      add(feed, n, 3, passage("", "GM0363", at, "ALLOWED", "DAY_EXEMPTION", "TRUCK_OLD", "TRUCK", "NL"));
      add(feed, n, 2, passage("", "GM0363", at, "WARNING", "NONE", "VAN_OLD", "VAN", "NL"));
      add(feed, n, 3, passage("", "GM0363", at, "FINE", "NONE", "TRUCK_OLD", "TRUCK", "NL"));
      add(feed, n, 1, passage("", "GM0363", at, "FINE", "NONE", "NEW_2025", "VAN", "NL"));
      add(feed, n, 4, passage("", "GM0363", at, "REPEAT", "NONE", "VAN_OLD", "VAN", "NL"));
      add(feed, n, 6, passage("", "GM0363", at, "NOT_ENFORCEABLE", "FOREIGN_NOT_ENFORCEABLE", null, null, "DE"));
      add(feed, n, 8, passage("", "GM0363", at, "UNRESOLVED", "UNRESOLVED", null, null, "NL"));
      add(feed, n, 20, passage("", "GM0363", at, "ALLOWED", "NOT_IN_SCOPE", "NOT_IN_SCOPE", "OTHER", "NL"));
      add(feed, n, 999, passage("", "GM0599", at, "ALLOWED", "ZERO_EMISSION", "ZERO_EMISSION", "TRUCK", "NL"));
      add(feed, n, 1, passage("", "GM0599", at, "FINE", "NONE", "VAN_OLD", "VAN", "NL"));
      add(feed, n, 1, passage("", "GM0599", "2025-12-31T23:30:00Z", "FINE", "NONE", "TRUCK_OLD", "TRUCK", "NL"));
      feed.flush();
    }
  }

  private static void add(EventFeed feed, int[] n, int count, JsonObject template) {
    for (int i = 0; i < count; i++) {
      feed.evaluated(template.copy().put("passageId", "x" + n[0]++));
    }
  }
}
