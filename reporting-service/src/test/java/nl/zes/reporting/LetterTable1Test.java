package nl.zes.reporting;

import static nl.zes.reporting.EventFeed.application;
import static nl.zes.reporting.EventFeed.dayExemption;
import static nl.zes.reporting.ReportingUnderTest.period;
import static nl.zes.reporting.ReportingUnderTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.zes.common.bus.Addresses;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitoring letter of 19 March 2026, Table 1, from 6,035 applications fed through Kafka: counts and the
 * shares as printed, 969 local; the national outcomes (88% granted, 8% set aside, 2% rejected, 2% pending); months
 * at the year boundary in Europe/Amsterdam time, for applications and day exemptions.
 */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class LetterTable1Test {

  private static final Duration BOUND = Duration.ofSeconds(90);
  /** Table 1: type, count, printed percentage. */
  private static final Object[][] TABLE_1 = {
      {"PRIVATE_USE", 2937, 49}, {"DISABILITY_ADAPTED", 501, 8}, {"SPECIAL_VEHICLE", 358, 6},
      {"NOT_AVAILABLE_ZERO_EMISSION", 930, 15}, {"DELIVERY_TIME", 340, 6}, {"BUSINESS_ECONOMIC", 516, 9},
      {"HARDSHIP", 453, 8}};
  private static final int MONTHS = 18;
  private static final Map<String, Integer> EXPECTED_PER_MONTH = new LinkedHashMap<>();
  private static boolean fed;

  @BeforeAll
  static void expectedMonths() {
    for (int m = 0; m < MONTHS; m++) {
      EXPECTED_PER_MONTH.put(YearMonth.of(2024, 7).plusMonths(m).toString(), 0);
    }
    for (int i = 0; i < 6035; i++) {
      EXPECTED_PER_MONTH.merge(YearMonth.of(2024, 7).plusMonths(i % MONTHS).toString(), 1, Integer::sum);
    }
    // Application 0 is submitted at 23:30 UTC on 31 December 2024: 00:30 on 1 January 2025 in Amsterdam.
    EXPECTED_PER_MONTH.merge("2024-07", -1, Integer::sum);
    EXPECTED_PER_MONTH.merge("2025-01", 1, Integer::sum);
  }

  @BeforeEach
  void deployAndFeed(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    ReportingUnderTest.deploy(vertx, infra)
        .compose(id -> fed ? Future.succeededFuture() : Await.blocking(vertx, () -> {
          feed(infra);
          fed = true;
          return null;
        }))
        .compose(v -> Await.until(vertx,
            () -> report(vertx, Addresses.REPORTING_EXEMPTIONS, period("2024-07-01", "2025-12-31")),
            r -> r.getJsonObject("outcomes").getLong("total") == 6035, BOUND))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void table1CountsAndSharesAreTheLetters(Vertx vertx, VertxTestContext ctx) {
    report(vertx, Addresses.REPORTING_EXEMPTIONS, period("2024-07-01", "2025-12-31").put("scope", "national"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.getLong("local")).isEqualTo(969);
          assertThat(r.getLong("national")).isEqualTo(6035 - 969);
          JsonArray byType = r.getJsonArray("byType");
          for (Object[] row : TABLE_1) {
            JsonObject item = find(byType, "type", (String) row[0]);
            assertThat(item.getLong("count")).as((String) row[0]).isEqualTo(((Integer) row[1]).longValue());
            double share = item.getDouble("share");
            assertThat(share).isCloseTo((Integer) row[1] / 6035.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Math.round(share * 100)).as((String) row[0] + " %").isEqualTo(((Integer) row[2]).longValue());
          }
          assertThat(find(byType, "type", "GRID_CONGESTION").getLong("count")).isZero();

          JsonObject outcomes = r.getJsonObject("outcomes");
          assertThat(outcomes.getString("scope")).isEqualTo("national");
          assertThat(outcomes.getLong("total")).isEqualTo(5066);
          assertThat(outcomes.getLong("granted")).isEqualTo(4458);
          assertThat(outcomes.getLong("setAside")).isEqualTo(405);
          assertThat(outcomes.getLong("rejected")).isEqualTo(101);
          assertThat(outcomes.getLong("pending")).isEqualTo(102);
          JsonObject shares = outcomes.getJsonObject("shares");
          assertThat(Math.round(shares.getDouble("granted") * 100)).isEqualTo(88);
          assertThat(Math.round(shares.getDouble("setAside") * 100)).isEqualTo(8);
          assertThat(Math.round(shares.getDouble("rejected") * 100)).isEqualTo(2);
          assertThat(Math.round(shares.getDouble("pending") * 100)).isEqualTo(2);
          ctx.completeNow();
        })));
  }

  @Test
  void applicationsPerMonthAreZeroFilledAndFollowAmsterdamAcrossTheYearBoundary(Vertx vertx,
      VertxTestContext ctx) {
    Future<JsonObject> all = report(vertx, Addresses.REPORTING_EXEMPTIONS, period("2024-06-01", "2025-12-31"));
    Future<JsonObject> january = report(vertx, Addresses.REPORTING_EXEMPTIONS, period("2025-01-01", "2025-01-31"));
    Future.all(all, january).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      JsonArray months = all.result().getJsonArray("applicationsPerMonth");
      assertThat(months).hasSize(19);
      assertThat(months.getJsonObject(0)).isEqualTo(new JsonObject().put("month", "2024-06").put("count", 0));
      EXPECTED_PER_MONTH.forEach((month, count) ->
          assertThat(find(months, "month", month).getLong("count")).as(month).isEqualTo(count.longValue()));
      assertThat(january.result().getJsonArray("applicationsPerMonth")).hasSize(1);
      assertThat(january.result().getJsonObject("outcomes").getLong("total"))
          .isEqualTo(EXPECTED_PER_MONTH.get("2025-01").longValue());
      ctx.completeNow();
    })));
  }

  @Test
  void dayExemptionsCountByTheirDateAcrossTheYearBoundary(Vertx vertx, VertxTestContext ctx) {
    report(vertx, Addresses.REPORTING_DAY_EXEMPTIONS, period("2025-12-01", "2026-01-31"))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.getJsonArray("perMonth")).containsExactly(
              new JsonObject().put("month", "2025-12").put("count", 2),
              new JsonObject().put("month", "2026-01").put("count", 1));
          assertThat(r.getJsonArray("perMunicipality")).containsExactly(
              new JsonObject().put("municipality", "GM0344").put("name", "GM0344").put("count", 1),
              new JsonObject().put("municipality", "GM0363").put("name", "GM0363").put("count", 2));
          ctx.completeNow();
        })));
  }

  private static void feed(TestInfra infra) throws Exception {
    List<String> types = new ArrayList<>();
    for (Object[] row : TABLE_1) {
      for (int n = 0; n < (Integer) row[1]; n++) {
        types.add((String) row[0]);
      }
    }
    // National outcomes in the letter's proportions; 58 of the granted ones were later revoked.
    int[] nationalIndex = {0};
    try (EventFeed feed = new EventFeed(infra.kafkaConfig())) {
      for (int i = 0; i < types.size(); i++) {
        String type = types.get(i);
        boolean local = type.equals("BUSINESS_ECONOMIC") || type.equals("HARDSHIP");
        YearMonth month = YearMonth.of(2024, 7).plusMonths(i % MONTHS);
        String submittedAt = i == 0 ? "2024-12-31T23:30:00Z" : month.atDay(1 + i % 28) + "T10:00:00Z";
        String status = local ? "GRANTED" : nationalStatus(nationalIndex[0]++);
        feed.changed(local
            ? application("a" + i, 1, type, "LOCAL", submittedAt, status, "GM0363")
            : application("a" + i, 1, type, "NATIONAL", submittedAt, status));
      }
      feed.changed(dayExemption("d1", 1, "GM0363", "2025-12-31"))
          .changed(dayExemption("d2", 1, "GM0344", "2025-12-01"))
          .changed(dayExemption("d3", 1, "GM0363", "2026-01-01"))
          .changed(dayExemption("d4", 1, "GM0363", "2026-02-01"));
      feed.flush();
    }
  }

  private static String nationalStatus(int n) {
    if (n < 4400) {
      return "GRANTED";
    }
    if (n < 4458) {
      return "REVOKED";
    }
    if (n < 4458 + 405) {
      return "SET_ASIDE";
    }
    return n < 4458 + 405 + 101 ? "REJECTED" : "PENDING";
  }

  private static JsonObject find(JsonArray items, String field, String value) {
    for (int i = 0; i < items.size(); i++) {
      if (value.equals(items.getJsonObject(i).getString(field))) {
        return items.getJsonObject(i);
      }
    }
    throw new AssertionError("no item with " + field + " = " + value + " in " + items.encode());
  }
}
