package nl.zes.passage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import nl.zes.common.Timestamps;

/**
 * The JSON values of the received and evaluated topics, written and read field by field: the same text
 * {@code JsonObject.encode()} gives (fields in the same order, nulls written as null), without building a map per
 * passage, which cost more than the rest of the record's handling.
 */
final class TopicJson {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private TopicJson() {
  }

  /** The received record of a passage (see {@link ValidPassage}). */
  static String received(ValidPassage p, String receivedAt) {
    StringBuilder json = new StringBuilder(256);
    first(json, "id", p.id());
    field(json, "municipality", p.municipality());
    field(json, "zone", p.zone());
    field(json, "camera", p.camera());
    field(json, "timestamp", p.timestamp().toString());
    field(json, "plate", p.plate());
    field(json, "country", p.country());
    field(json, "receivedAt", receivedAt);
    if (p.confidence() != null && Double.isFinite(p.confidence())) {
      json.append(",\"confidence\":").append(p.confidence().doubleValue());
    }
    return json.append('}').toString();
  }

  /** The evaluated event of a verdict, as {@code PassageEvaluated.toJson()} has it. */
  static String evaluated(Verdict v) {
    StringBuilder json = new StringBuilder(256);
    first(json, "passageId", v.id());
    field(json, "municipality", v.municipality());
    field(json, "zone", v.zone());
    field(json, "timestamp", Verdict.local(v.timestamp()));
    field(json, "verdict", v.verdict());
    field(json, "basis", v.basis());
    field(json, "rule", v.rule());
    field(json, "vehicleKind", v.vehicleKind());
    field(json, "country", v.country());
    if (v.isViolation() && v.plate() != null) {
      field(json, "plate", v.plate());
    }
    if (Verdict.FINE.equals(v.verdict()) && v.fineEur() != null) {
      json.append(",\"fineAmountEur\":").append(v.fineEur().intValue());
    }
    return json.append('}').toString();
  }

  /**
   * Reads a received record.
   *
   * @throws IOException when it is not a JSON object
   * @throws NullPointerException when a required field is missing
   * @throws java.time.format.DateTimeParseException when the timestamp is not ISO-8601 with an offset
   */
  static ValidPassage readReceived(byte[] value) throws IOException {
    String id = null;
    String municipality = null;
    String zone = null;
    String camera = null;
    String timestamp = null;
    String plate = null;
    String country = null;
    Double confidence = null;
    try (JsonParser parser = FACTORY.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if (token.isStructStart()) {
          parser.skipChildren();
          continue;
        }
        switch (name) {
          case "id" -> id = parser.getValueAsString();
          case "municipality" -> municipality = parser.getValueAsString();
          case "zone" -> zone = parser.getValueAsString();
          case "camera" -> camera = parser.getValueAsString();
          case "timestamp" -> timestamp = parser.getValueAsString();
          case "plate" -> plate = parser.getValueAsString();
          case "country" -> country = parser.getValueAsString();
          case "confidence" -> confidence = token == JsonToken.VALUE_NULL ? null : parser.getDoubleValue();
          default -> {
            // a field this version does not read
          }
        }
      }
    }
    OffsetDateTime at = Timestamps.parse(timestamp);
    return new ValidPassage(id, municipality, zone, camera, at, plate, country, confidence);
  }

  private static void first(StringBuilder json, String name, String value) {
    json.append('{');
    name(json, name);
    string(json, value);
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append(',');
    name(json, name);
    string(json, value);
  }

  private static void name(StringBuilder json, String name) {
    json.append('"').append(name).append("\":");
  }

  /** A JSON string (quotes, backslashes and control characters escaped), or null. */
  private static void string(StringBuilder json, String value) {
    if (value == null) {
      json.append("null");
      return;
    }
    json.append('"');
    if (!needsEscaping(value)) {
      json.append(value).append('"');
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private static boolean needsEscaping(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }
}
