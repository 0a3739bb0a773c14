package nl.zes.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A municipality as {@code GET /municipalities} gives it. */
public record Municipality(String code, String name, List<Zone> zones, LocalDate enforcementStart) {

  public record Zone(String id, String name, LocalDate start) {
  }

  public static List<Municipality> fromJson(JsonArray array) {
    List<Municipality> municipalities = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject m = array.getJsonObject(i);
      List<Zone> zones = new ArrayList<>();
      JsonArray zoneArray = m.getJsonArray("zones", new JsonArray());
      for (int z = 0; z < zoneArray.size(); z++) {
        JsonObject zone = zoneArray.getJsonObject(z);
        String start = zone.getString("start");
        zones.add(new Zone(zone.getString("id"), zone.getString("name"), start == null ? null : LocalDate.parse(start)));
      }
      String enforcement = m.getString("enforcementStart");
      municipalities.add(new Municipality(m.getString("code"), m.getString("name"), List.copyOf(zones),
          enforcement == null ? null : LocalDate.parse(enforcement)));
    }
    return municipalities;
  }

  /** The zones with cameras on a day: those whose start date has come. */
  public List<Zone> activeZones(LocalDate day) {
    return zones.stream().filter(z -> z.start() != null && !z.start().isAfter(day)).toList();
  }
}
