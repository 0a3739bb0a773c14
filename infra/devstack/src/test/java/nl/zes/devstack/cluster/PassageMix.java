package nl.zes.devstack.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Passages of Utrecht over the last twenty days, numbered: passage n has id {@code f-<n>} and a plate, country
 * and day that follow from n alone, so the verdicts and report counts of any set of accepted ids can be computed
 * exactly (register: the end-to-end test's e2e/vehicles.csv and fuels.csv).
 */
final class PassageMix {

  static final String UTRECHT = "GM0344";
  static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  static final int DAYS = 20;

  /** What a plate of the register gets, and where the compliance report counts it. */
  enum Kind {
    /** A 2010 Euro V truck: the first passage of a day is a FINE, the next ones that day REPEAT. */
    VIOLATION("BXF12T", "NL"),
    /** A 2019 Euro 6 van: allowed under the transition rule. */
    TRANSITION("VDK56L", "NL"),
    ZERO_EMISSION("VNB78S", "NL"),
    /** A passenger car: not in scope, not counted in the report. */
    OUT_OF_SCOPE("1ABC23", "NL"),
    /** A valid plate that is not in the register. */
    UNRESOLVED("GHJ99X", "NL"),
    FOREIGN("1ABC123", "BE");

    final String plate;
    final String country;

    Kind(String plate, String country) {
      this.plate = plate;
      this.country = country;
    }
  }

  private static final List<Kind> CYCLE = List.of(Kind.VIOLATION, Kind.TRANSITION, Kind.ZERO_EMISSION,
      Kind.OUT_OF_SCOPE, Kind.UNRESOLVED, Kind.FOREIGN, Kind.VIOLATION, Kind.TRANSITION, Kind.VIOLATION,
      Kind.ZERO_EMISSION);

  private final LocalDate lastDay;

  PassageMix(LocalDate today) {
    this.lastDay = today.minusDays(1);
  }

  LocalDate firstDay() {
    return lastDay.minusDays(DAYS - 1);
  }

  LocalDate lastDay() {
    return lastDay;
  }

  static Kind kind(long n) {
    return CYCLE.get((int) (n % CYCLE.size()));
  }

  LocalDate day(long n) {
    return lastDay.minusDays((n / CYCLE.size()) % DAYS);
  }

  static String id(long n) {
    return "f-" + n;
  }

  static long number(String id) {
    return Long.parseLong(id.substring(2));
  }

  JsonObject passage(long n) {
    Kind kind = kind(n);
    ZonedDateTime at = ZonedDateTime.of(day(n), LocalTime.of(7, 0), AMSTERDAM).plusSeconds(n % 36_000);
    return new JsonObject().put("id", id(n)).put("zone", "utrecht-centrum").put("camera", "cam-" + (n % 4))
        .put("timestamp", at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).put("plate", kind.plate)
        .put("country", kind.country);
  }

  JsonObject batch(long first, int size) {
    JsonArray passages = new JsonArray();
    for (long n = first; n < first + size; n++) {
      passages.add(passage(n));
    }
    return new JsonObject().put("passages", passages);
  }

  /** The compliance report's counts for Utrecht that exactly these passages must produce. */
  Expected expected(Collection<String> ids) {
    Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    Set<LocalDate> violationDays = new HashSet<>();
    for (String id : ids) {
      long n = number(id);
      counts.merge(kind(n), 1L, Long::sum);
      if (kind(n) == Kind.VIOLATION) {
        violationDays.add(day(n));
      }
    }
    long violations = counts.getOrDefault(Kind.VIOLATION, 0L);
    long allowed = counts.getOrDefault(Kind.TRANSITION, 0L) + counts.getOrDefault(Kind.ZERO_EMISSION, 0L);
    long fines = violationDays.size();
    return new Expected(ids.size(), violations + allowed, allowed, fines, violations - fines,
        counts.getOrDefault(Kind.FOREIGN, 0L), counts.getOrDefault(Kind.UNRESOLVED, 0L),
        counts.getOrDefault(Kind.OUT_OF_SCOPE, 0L));
  }

  record Expected(long total, long passages, long allowed, long fines, long repeats, long notEnforceable,
      long unresolved, long outOfScope) {

    boolean matches(JsonObject row) {
      return row.getLong("passages") == passages && row.getLong("allowed") == allowed
          && row.getLong("exempted") == 0 && row.getLong("warnings") == 0 && row.getLong("fines") == fines
          && row.getLong("repeats") == repeats && row.getLong("notEnforceable") == notEnforceable
          && row.getLong("unresolved") == unresolved;
    }
  }
}
