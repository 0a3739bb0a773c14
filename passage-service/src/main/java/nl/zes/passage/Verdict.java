package nl.zes.passage;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The stored outcome of one passage; {@code plate} is set only for WARNING and FINE. Its event on the evaluated
 * topic is {@link TopicJson#evaluated} (a {@code PassageEvaluated}).
 */
record Verdict(String municipality, String id, String zone, String camera, OffsetDateTime timestamp, LocalDate day,
    String verdict, String basis, String rule, String vehicleKind, String country, Integer fineEur, String plate) {

  static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  static final String PENDING = "PENDING";
  static final String ALLOWED = "ALLOWED";
  static final String WARNING = "WARNING";
  static final String FINE = "FINE";
  static final String REPEAT = "REPEAT";
  static final String NOT_ENFORCEABLE = "NOT_ENFORCEABLE";
  static final String UNRESOLVED = "UNRESOLVED";

  static LocalDate dayOf(OffsetDateTime timestamp) {
    return timestamp.atZoneSameInstant(AMSTERDAM).toLocalDate();
  }

  /** ISO-8601 in Amsterdam's offset of that moment, as people there read it. */
  static String local(OffsetDateTime timestamp) {
    return timestamp.atZoneSameInstant(AMSTERDAM).toOffsetDateTime().toString();
  }

  boolean isViolation() {
    return WARNING.equals(verdict) || FINE.equals(verdict);
  }

  JsonObject toView() {
    return new JsonObject().put("id", id).put("municipality", municipality).put("zone", zone).put("camera", camera)
        .put("timestamp", local(timestamp)).put("verdict", verdict).put("basis", basis).put("rule", rule)
        .put("vehicleKind", vehicleKind).put("plate", isViolation() ? plate : null).put("country", country)
        .put("fineAmountEur", FINE.equals(verdict) ? fineEur : null);
  }

  JsonObject toViolation() {
    return new JsonObject().put("passageId", id).put("municipality", municipality).put("zone", zone)
        .put("camera", camera).put("timestamp", local(timestamp)).put("plate", plate).put("vehicleKind", vehicleKind)
        .put("kind", verdict).put("rule", rule).put("fineAmountEur", FINE.equals(verdict) ? fineEur : null);
  }
}
