package nl.zes.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApplicationGeneratorTest {

  private static ApplicationGenerator generator;

  @BeforeAll
  static void register() {
    generator = new ApplicationGenerator(5, Fixtures.fleet(20_000), Fixtures.municipalities());
  }

  @Test
  void tableOneIsExactAtScaleOne() {
    List<ApplicationGenerator.Application> applications = generator.applications(1.0);
    assertThat(applications).hasSize(6_035);
    Map<String, Integer> byType = new HashMap<>();
    int local = 0;
    for (ApplicationGenerator.Application a : applications) {
      JsonObject request = a.request();
      byType.merge(request.getString("type"), 1, Integer::sum);
      if (request.containsKey("municipalities")) {
        local++;
        assertThat(request.getJsonArray("municipalities")).isNotEmpty();
        assertThat(request.getString("type")).isIn("BUSINESS_ECONOMIC", "HARDSHIP");
      }
    }
    assertThat(byType).isEqualTo(ApplicationGenerator.TABLE_1);
    assertThat(local).isEqualTo(969);
  }

  @Test
  void outcomesAreTheLettersSharesAndThePendingOnesAreTheLatest() {
    List<ApplicationGenerator.Application> applications = generator.applications(1.0);
    Map<String, Integer> outcomes = new HashMap<>();
    OffsetDateTime latestDecidedSubmission = null;
    OffsetDateTime earliestPending = null;
    for (ApplicationGenerator.Application a : applications) {
      OffsetDateTime submitted = OffsetDateTime.parse(a.request().getString("submittedAt"));
      if (a.pending()) {
        outcomes.merge("PENDING", 1, Integer::sum);
        earliestPending = earliestPending == null || submitted.isBefore(earliestPending) ? submitted : earliestPending;
      } else {
        outcomes.merge(a.decision().getString("outcome"), 1, Integer::sum);
        OffsetDateTime decided = OffsetDateTime.parse(a.decision().getString("decidedAt"));
        assertThat(decided).isAfter(submitted);
        latestDecidedSubmission = latestDecidedSubmission == null || submitted.isAfter(latestDecidedSubmission)
            ? submitted : latestDecidedSubmission;
      }
    }
    assertThat(outcomes).containsEntry("GRANTED", 5_310).containsEntry("SET_ASIDE", 483)
        .containsEntry("REJECTED", 121).containsEntry("PENDING", 121);
    assertThat(earliestPending).isAfterOrEqualTo(latestDecidedSubmission);
  }

  @Test
  void applicationsSpanTheMonthsSinceTheLoketOpened() {
    Map<YearMonth, Integer> perMonth = new TreeMap<>();
    for (ApplicationGenerator.Application a : generator.applications(1.0)) {
      OffsetDateTime submitted = OffsetDateTime.parse(a.request().getString("submittedAt"));
      perMonth.merge(YearMonth.from(submitted.atZoneSameInstant(ZoneId.of("Europe/Amsterdam"))), 1, Integer::sum);
      assertThat(LocalDate.parse(a.request().getString("requestedFrom"))).isAfterOrEqualTo(submitted.toLocalDate());
    }
    assertThat(perMonth.keySet()).first().isEqualTo(YearMonth.of(2024, 7));
    assertThat(perMonth.keySet()).last().isEqualTo(YearMonth.of(2025, 12));
    assertThat(perMonth).hasSize(18);
    assertThat(perMonth.get(YearMonth.of(2025, 1))).isGreaterThan(3 * perMonth.get(YearMonth.of(2024, 7)));
  }

  @Test
  void dayExemptionsGrowAfterTheFinesStartAndKeepTheYearlyLimit() {
    List<JsonObject> requests = generator.dayExemptions(1.0);
    Map<YearMonth, Integer> perMonth = new TreeMap<>();
    Map<String, Integer> perPlateYear = new HashMap<>();
    Set<String> perDay = new HashSet<>();
    for (JsonObject r : requests) {
      LocalDate date = LocalDate.parse(r.getString("date"));
      perMonth.merge(YearMonth.from(date), 1, Integer::sum);
      perPlateYear.merge(r.getString("plate") + r.getString("municipality") + date.getYear(), 1, Integer::sum);
      assertThat(perDay.add(r.getString("plate") + r.getString("municipality") + date)).isTrue();
      assertThat(OffsetDateTime.parse(r.getString("requestedAt")).toLocalDate()).isBeforeOrEqualTo(date);
    }
    assertThat(perPlateYear.values()).allMatch(n -> n <= 12);
    double firstHalf = perMonth.get(YearMonth.of(2025, 6));
    assertThat(perMonth.get(YearMonth.of(2025, 8))).isGreaterThan((int) (1.5 * firstHalf));
    assertThat(perMonth.get(YearMonth.of(2025, 12))).isGreaterThan(perMonth.get(YearMonth.of(2025, 8)));
  }

  @Test
  void specialVehiclesAreTrucksAndVehiclesNotAvailableZeroEmissionAreNew() {
    for (ApplicationGenerator.Application a : generator.applications(1.0)) {
      String plate = a.request().getString("plate");
      char firstLetter = plate.chars().filter(Character::isLetter).mapToObj(c -> (char) c).findFirst().orElseThrow();
      switch (a.request().getString("type")) {
        case "SPECIAL_VEHICLE" -> assertThat(firstLetter).as("a truck plate").isEqualTo('B');
        // registered from 2025: sidecode 13 or 14
        case "NOT_AVAILABLE_ZERO_EMISSION" -> assertThat(nl.zes.common.Plates.sidecode(plate)).isGreaterThanOrEqualTo(13);
        default -> {
        }
      }
    }
  }

  @Test
  void sameSeedSameHistory() {
    ApplicationGenerator again = new ApplicationGenerator(5, Fixtures.fleet(20_000), Fixtures.municipalities());
    assertThat(again.applications(0.1).toString()).isEqualTo(generator.applications(0.1).toString());
    assertThat(again.dayExemptions(0.1)).isEqualTo(generator.dayExemptions(0.1));
  }
}
