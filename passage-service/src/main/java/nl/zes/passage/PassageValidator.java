package nl.zes.passage;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import nl.zes.common.Plates;
import nl.zes.common.Timestamps;
import nl.zes.common.problem.Problem;

/** Checks one posted passage item; pure, so that every rule has a row in a table test. */
final class PassageValidator {

  static final int MAX_ID_LENGTH = 64;
  static final int MAX_TEXT_LENGTH = 128;
  static final int MAX_FOREIGN_PLATE_LENGTH = 12;
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  /** Either a valid passage or the item's errors ({@code {field, message}} each). */
  record Result(ValidPassage passage, JsonArray errors) {

    boolean valid() {
      return passage != null;
    }
  }

  private final Duration clockSkew;

  PassageValidator(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  /**
   * @param zones the zone ids of the caller's municipality, or null when the municipality is unknown
   */
  Result validate(Object raw, String municipality, Set<String> zones, Instant now) {
    JsonArray errors = new JsonArray();
    if (!(raw instanceof JsonObject item)) {
      errors.add(Problem.fieldError("item", "must be a JSON object"));
      return new Result(null, errors);
    }
    String id = text(item, "id", MAX_ID_LENGTH, errors);
    String zone = text(item, "zone", MAX_TEXT_LENGTH, errors);
    String camera = text(item, "camera", MAX_TEXT_LENGTH, errors);
    if (zone != null && (zones == null || !zones.contains(zone))) {
      errors.add(Problem.fieldError("zone", zones == null
          ? "municipality " + municipality + " has no zones"
          : "'" + zone + "' is not a zone of municipality " + municipality));
    }
    String country = country(item, errors);
    String plate = plate(item, country, errors);
    OffsetDateTime timestamp = timestamp(item, now, errors);
    Double confidence = confidence(item, errors);
    if (!errors.isEmpty()) {
      return new Result(null, errors);
    }
    return new Result(new ValidPassage(id, municipality, zone, camera, timestamp, plate, country, confidence), null);
  }

  private static String text(JsonObject item, String field, int maxLength, JsonArray errors) {
    Object value = item.getValue(field);
    if (value == null) {
      errors.add(Problem.fieldError(field, "is required"));
      return null;
    }
    if (!(value instanceof String text)) {
      errors.add(Problem.fieldError(field, "must be a string"));
      return null;
    }
    if (text.isBlank()) {
      errors.add(Problem.fieldError(field, "must not be empty"));
      return null;
    }
    if (text.length() > maxLength) {
      errors.add(Problem.fieldError(field, "must be at most " + maxLength + " characters"));
      return null;
    }
    return text;
  }

  private static String country(JsonObject item, JsonArray errors) {
    Object value = item.getValue("country");
    if (value == null) {
      return "NL";
    }
    String code = value instanceof String s ? s.trim().toUpperCase(Locale.ROOT) : null;
    if (code == null || !COUNTRIES.contains(code)) {
      errors.add(Problem.fieldError("country", "must be an ISO 3166-1 alpha-2 code such as NL, BE or DE"));
      return null;
    }
    return code;
  }

  private static String plate(JsonObject item, String country, JsonArray errors) {
    String raw = text(item, "plate", MAX_TEXT_LENGTH, errors);
    if (raw == null) {
      return null;
    }
    String plate = Plates.normalise(raw);
    if ("NL".equals(country)) {
      if (!Plates.isValidDutch(plate)) {
        errors.add(Problem.fieldError("plate", "is not a Dutch plate (none of the 14 sidecodes)"));
        return null;
      }
      return plate;
    }
    if (plate.isEmpty() || plate.length() > MAX_FOREIGN_PLATE_LENGTH || !plate.chars().allMatch(
        c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      errors.add(Problem.fieldError("plate", "must be 1 to " + MAX_FOREIGN_PLATE_LENGTH + " letters and digits"));
      return null;
    }
    return plate;
  }

  private OffsetDateTime timestamp(JsonObject item, Instant now, JsonArray errors) {
    Object value = item.getValue("timestamp");
    if (value == null) {
      errors.add(Problem.fieldError("timestamp", "is required"));
      return null;
    }
    OffsetDateTime timestamp;
    try {
      timestamp = Timestamps.parse((String) value);
    } catch (ClassCastException | DateTimeParseException e) {
      errors.add(Problem.fieldError("timestamp", "must be ISO-8601 with an offset, e.g. 2025-11-03T08:15:00+01:00"));
      return null;
    }
    if (timestamp.toInstant().isAfter(now.plus(clockSkew))) {
      errors.add(Problem.fieldError("timestamp", "lies in the future"));
      return null;
    }
    return timestamp;
  }

  private static Double confidence(JsonObject item, JsonArray errors) {
    Object value = item.getValue("confidence");
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number) || number.doubleValue() < 0 || Double.isNaN(number.doubleValue())) {
      errors.add(Problem.fieldError("confidence", "must be a non-negative number"));
      return null;
    }
    return number.doubleValue();
  }
}
