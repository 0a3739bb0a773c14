package nl.zes.exemption.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;
import nl.zes.common.Plates;
import nl.zes.common.problem.Problem;

/**
 * Reads the fields of a request: the body of a POST or the query parameters of a GET (which arrive as strings).
 * Each failure is a 400 problem naming the field; range checks that make a well-formed request unacceptable
 * (422) are the callers'.
 */
public final class Fields {

  private static final int MAX_TEXT = 1_000;

  private Fields() {
  }

  public static JsonObject object(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    throw Problem.badRequest("the body must be a JSON object").exception();
  }

  /** A required Dutch plate, normalised. */
  public static String plate(JsonObject json, String field) {
    String plate = optionalPlate(json, field);
    if (plate == null) {
      throw missing(field);
    }
    return plate;
  }

  public static String optionalPlate(JsonObject json, String field) {
    String text = optionalText(json, field);
    if (text == null) {
      return null;
    }
    String plate = text.length() > 32 ? text : Plates.normalise(text);
    if (!Plates.isValidDutch(plate)) {
      throw Problem.invalidField(field, "is not a Dutch licence plate (one of the 14 sidecodes, e.g. AB-123-C)")
          .exception();
    }
    return plate;
  }

  public static String text(JsonObject json, String field) {
    String text = optionalText(json, field);
    if (text == null) {
      throw missing(field);
    }
    return text;
  }

  public static String optionalText(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw Problem.invalidField(field, "must be a string").exception();
    }
    if (text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_TEXT) {
      throw Problem.invalidField(field, "is longer than " + MAX_TEXT + " characters").exception();
    }
    return text.trim();
  }

  public static LocalDate date(JsonObject json, String field) {
    LocalDate date = optionalDate(json, field);
    if (date == null) {
      throw missing(field);
    }
    return date;
  }

  public static LocalDate optionalDate(JsonObject json, String field) {
    String text = optionalText(json, field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.invalidField(field, "must be a date YYYY-MM-DD").exception();
    }
  }

  /** A moment with an offset ({@code 2025-11-03T08:15:00+01:00}), or null when absent. */
  public static OffsetDateTime optionalMoment(JsonObject json, String field) {
    String text = optionalText(json, field);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.invalidField(field, "must be a timestamp with offset, e.g. 2025-11-03T08:15:00+01:00")
          .exception();
    }
  }

  public static Instant optionalInstant(JsonObject json, String field) {
    OffsetDateTime moment = optionalMoment(json, field);
    return moment == null ? null : moment.toInstant();
  }

  public static <E extends Enum<E>> E enumValue(JsonObject json, String field, Class<E> type) {
    E value = optionalEnum(json, field, type);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  /** An enum constant by its exact name; an unknown value is a 400 that lists the allowed ones. */
  public static <E extends Enum<E>> E optionalEnum(JsonObject json, String field, Class<E> type) {
    String text = optionalText(json, field);
    if (text == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(text)) {
        return constant;
      }
    }
    String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    throw Problem.invalidField(field, "must be one of " + allowed).exception();
  }

  /** An integer given as a number or as a string (query parameters). */
  public static int integer(JsonObject json, String field, int fallback, int min, int max) {
    Object value = json.getValue(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      return fallback;
    }
    long parsed;
    try {
      parsed = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
          : Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw Problem.invalidField(field, "must be an integer").exception();
    }
    if (parsed < min || parsed > max) {
      throw Problem.invalidField(field, "must be between " + min + " and " + max).exception();
    }
    return (int) parsed;
  }

  public static JsonArray optionalArray(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw Problem.invalidField(field, "must be an array").exception();
    }
    return array;
  }

  public static JsonObject optionalObject(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      throw Problem.invalidField(field, "must be an object").exception();
    }
    return object;
  }

  public static RuntimeException missing(String field) {
    return Problem.invalidField(field, "is required").exception();
  }
}
