package nl.zes.exemption.municipality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import nl.zes.common.problem.Problem;
import nl.zes.exemption.api.Fields;

/**
 * A municipality with its zones and the date its fines start (DOMAIN.md §9), in the shape of
 * {@code GET /municipalities}. {@code source} is the seed file's note on where the dates come from.
 */
public record Municipality(String code, String name, List<Zone> zones, LocalDate enforcementStart, String source) {

  private static final Pattern CODE = Pattern.compile("GM\\d{4}");

  public record Zone(String id, String name, LocalDate start) {

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("name", name).put("start", start.toString());
    }
  }

  public Municipality {
    zones = List.copyOf(zones);
  }

  public static boolean isCode(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  /**
   * The start date of a zone; for an unknown or absent zone id the earliest start of the municipality's
   * zones. Null when it has no zones.
   */
  public LocalDate zoneStart(String zoneId) {
    LocalDate earliest = null;
    for (Zone zone : zones) {
      if (zone.id().equals(zoneId)) {
        return zone.start();
      }
      if (earliest == null || zone.start().isBefore(earliest)) {
        earliest = zone.start();
      }
    }
    return earliest;
  }

  public JsonObject toJson() {
    JsonArray zoneArray = new JsonArray();
    zones.forEach(zone -> zoneArray.add(zone.toJson()));
    JsonObject json = new JsonObject().put("code", code).put("name", name).put("zones", zoneArray)
        .put("enforcementStart", enforcementStart.toString());
    if (source != null) {
      json.put("source", source);
    }
    return json;
  }

  /**
   * Reads one municipality of {@code PUT /municipalities/{code}} or of the seed file: malformed fields are 400,
   * a body code that differs from {@code code}, duplicate zone ids and fines before the zone starts are 422.
   */
  public static Municipality fromJson(String code, JsonObject json) {
    if (!isCode(code)) {
      throw Problem.invalidField("code", "must be a CBS code GM followed by four digits").exception();
    }
    String bodyCode = Fields.optionalText(json, "code");
    if (bodyCode != null && !bodyCode.equals(code)) {
      throw Problem.unprocessable("code", "must equal the code in the path (" + code + ")").exception();
    }
    String name = Fields.text(json, "name");
    JsonArray zoneArray = Fields.optionalArray(json, "zones");
    if (zoneArray == null) {
      throw Fields.missing("zones");
    }
    List<Zone> zones = new java.util.ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < zoneArray.size(); i++) {
      String field = "zones[" + i + "]";
      if (!(zoneArray.getValue(i) instanceof JsonObject zone)) {
        throw Problem.invalidField(field, "must be an object {id, name, start}").exception();
      }
      String id = Fields.text(zone, "id");
      String zoneName = Fields.optionalText(zone, "name");
      Zone parsed = new Zone(id, zoneName == null ? id : zoneName, Fields.date(zone, "start"));
      if (!ids.add(id)) {
        throw Problem.unprocessable(field + ".id", "zone id " + id + " appears twice").exception();
      }
      zones.add(parsed);
    }
    LocalDate enforcementStart = Fields.date(json, "enforcementStart");
    Municipality municipality = new Municipality(code, name, zones, enforcementStart,
        Fields.optionalText(json, "source"));
    LocalDate firstZone = municipality.zoneStart(null);
    if (firstZone != null && enforcementStart.isBefore(firstZone)) {
      throw Problem.unprocessable("enforcementStart", "fines cannot start before the first zone does ("
          + firstZone + ")").exception();
    }
    return municipality;
  }
}
