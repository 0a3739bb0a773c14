package nl.zes.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zes.common.Plates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PassageGeneratorTest {

  private static final LocalDate NOV = LocalDate.of(2025, 11, 1);
  private static final LocalDate DEC_31 = LocalDate.of(2025, 12, 31);
  private static Fleet fleet;

  @BeforeAll
  static void register() {
    fleet = Fixtures.fleet(20_000);
  }

  @Test
  void batchesHoldAtMostAThousandWellFormedPassagesWithUniqueIdsButTheIntendedDuplicates() {
    Municipality utrecht = Fixtures.municipality("GM0344");
    PassageGenerator.PassageStream stream = new PassageGenerator(1, fleet, 0.25, 1_000).stream(utrecht, NOV, DEC_31);
    Set<String> ids = new HashSet<>();
    List<JsonObject> all = new ArrayList<>();
    int batches = 0;
    while (stream.hasNext()) {
      JsonArray batch = stream.next().getJsonArray("passages");
      assertThat(batch.size()).isBetween(1, PassageGenerator.MAX_BATCH);
      batches++;
      for (int i = 0; i < batch.size(); i++) {
        JsonObject p = batch.getJsonObject(i);
        assertThat(p.fieldNames()).containsExactlyInAnyOrder("id", "zone", "camera", "timestamp", "plate", "country");
        assertThat(p.getString("id").length()).isLessThanOrEqualTo(64);
        assertThat(p.getString("zone")).isEqualTo("utrecht-centrum");
        OffsetDateTime at = OffsetDateTime.parse(p.getString("timestamp"));
        assertThat(at.getOffset()).isEqualTo(ZoneId.of("Europe/Amsterdam").getRules().getOffset(at.toInstant()));
        assertThat(at.atZoneSameInstant(ZoneId.of("Europe/Amsterdam")).toLocalDate()).isBetween(NOV, DEC_31);
        ids.add(p.getString("id"));
        all.add(p);
      }
    }
    PassageGenerator.Stats stats = stream.stats();
    assertThat(batches).isGreaterThan(30);
    assertThat(stats.items()).isEqualTo(all.size());
    assertThat(stats.duplicates()).isPositive();
    assertThat(ids).hasSize((int) (stats.items() - stats.duplicates()));
    // Two months of Utrecht at a quarter of 140,000 a month
    assertThat((double) ids.size()).isCloseTo(2 * 35_000, within(2_500.0));
  }

  @Test
  void trafficHasForeignPlatesMisreadsRepeatsAndADailyAndWeeklyShape() {
    Municipality rotterdam = Fixtures.municipality("GM0599");
    PassageGenerator.PassageStream stream = new PassageGenerator(2, fleet, 0.1, 1_000).stream(rotterdam, NOV, DEC_31);
    long nl = 0;
    long foreign = 0;
    long unknownNl = 0;
    int[] perHour = new int[24];
    long weekday = 0;
    long sunday = 0;
    Map<String, Integer> perPlateDay = new HashMap<>();
    Set<String> seen = new HashSet<>();
    while (stream.hasNext()) {
      JsonArray batch = stream.next().getJsonArray("passages");
      for (int i = 0; i < batch.size(); i++) {
        JsonObject p = batch.getJsonObject(i);
        if (!seen.add(p.getString("id"))) {
          continue;
        }
        var local = OffsetDateTime.parse(p.getString("timestamp")).atZoneSameInstant(ZoneId.of("Europe/Amsterdam"));
        perHour[local.getHour()]++;
        switch (local.getDayOfWeek()) {
          case SUNDAY -> sunday++;
          case WEDNESDAY -> weekday++;
          default -> {
          }
        }
        if (p.getString("country").equals("NL")) {
          nl++;
          assertThat(Plates.isValidDutch(p.getString("plate"))).isTrue();
          if (!fleet.contains(p.getString("plate"))) {
            unknownNl++;
          }
          perPlateDay.merge(p.getString("plate") + local.toLocalDate(), 1, Integer::sum);
        } else {
          foreign++;
        }
      }
    }
    double total = nl + foreign;
    assertThat(foreign / total).isCloseTo(0.03, within(0.005));
    assertThat(unknownNl / total).isCloseTo(0.003, within(0.0015));
    assertThat(perPlateDay.values()).anyMatch(n -> n >= 2);
    assertThat(perHour[9]).isGreaterThan(10 * perHour[2]);
    assertThat(sunday).isLessThan(weekday / 2);
  }

  @Test
  void theRefusedShareOfVisitsPutsComplianceWhereTheLetterReportsIt() {
    for (Municipality m : Fixtures.municipalities()) {
      PassageGenerator.PassageStream stream = new PassageGenerator(3, fleet, 0.2, 1_000).stream(m, NOV, DEC_31);
      while (stream.hasNext()) {
        stream.next();
      }
      PassageGenerator.Stats s = stream.stats();
      long inScope = s.items() - s.duplicates() - s.foreign() - s.misreads() - s.cars();
      if (inScope == 0) {
        assertThat(m.activeZones(DEC_31)).as(m.name()).isEmpty();
        continue;
      }
      // Before exemptions: each refused visit is at most one warning or fine that day.
      double compliance = 1 - s.refusedVisits() / (double) inScope;
      assertThat(compliance).as(m.name()).isBetween(0.993, 0.9999);
    }
  }

  @Test
  void sameSeedSameBatches() {
    Municipality gouda = Fixtures.municipality("GM0513");
    PassageGenerator one = new PassageGenerator(9, fleet, 0.5, 500);
    PassageGenerator two = new PassageGenerator(9, fleet, 0.5, 500);
    var a = one.stream(gouda, NOV, NOV.plusDays(6));
    var b = two.stream(gouda, NOV, NOV.plusDays(6));
    while (a.hasNext()) {
      assertThat(b.hasNext()).isTrue();
      assertThat(a.next().encode()).isEqualTo(b.next().encode());
    }
    assertThat(b.hasNext()).isFalse();
  }

  @Test
  void noPassagesBeforeAZoneStarts() {
    Municipality schiphol = Fixtures.municipality("GM0394");
    assertThat(new PassageGenerator(1, fleet, 1.0, 1_000).stream(schiphol, NOV, DEC_31).hasNext()).isFalse();
    assertThat(new PassageGenerator(1, fleet, 1.0, 1_000).expected(schiphol, NOV, DEC_31)).isZero();
  }
}
