package nl.zes.exemption.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.zes.exemption.domain.DayExemptionGrant;
import nl.zes.exemption.domain.ExemptionGrant;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.exemptions.DayExemptionRecord;
import nl.zes.exemption.exemptions.ExemptionRecord;

/**
 * What access decisions read, in memory: the register's vehicles, and the granted exemptions and the day
 * exemptions per plate. It is filled from PostgreSQL at start and then changed only by the code that commits a
 * change, after the commit, so that it says what the database says. Not thread-safe: it lives on the
 * exemption-service's event loop.
 */
public final class AccessIndex {

  private final VehicleTable vehicles = new VehicleTable();
  private final Map<String, PlateGrants> grants = new HashMap<>();

  public Vehicle vehicle(String plate) {
    return vehicles.get(plate);
  }

  public void putVehicle(Vehicle vehicle) {
    vehicles.put(vehicle);
  }

  public int vehicleCount() {
    return vehicles.size();
  }

  /** Adds a GRANTED exemption, or removes one whose status no longer gives access. */
  public void putExemption(ExemptionRecord exemption) {
    ExemptionGrant grant = exemption.grant();
    if (grant == null) {
      PlateGrants plate = grants.get(exemption.plate());
      if (plate != null) {
        plate.exemptions.remove(exemption.id());
      }
      return;
    }
    List<String> municipalities = exemption.municipalities() == null ? List.of() : exemption.municipalities();
    grants.computeIfAbsent(exemption.plate(), p -> new PlateGrants()).exemptions
        .put(exemption.id(), new LocalGrant(grant, municipalities));
  }

  public void putDayExemption(DayExemptionRecord day) {
    grants.computeIfAbsent(day.plate(), p -> new PlateGrants()).days
        .computeIfAbsent(day.municipality(), m -> new ArrayList<>(2)).add(day.grant());
  }

  /** The plate's granted exemptions that count in the municipality (national, or local naming it). */
  public List<ExemptionGrant> exemptions(String plate, String municipality) {
    PlateGrants plateGrants = grants.get(plate);
    if (plateGrants == null || plateGrants.exemptions.isEmpty()) {
      return List.of();
    }
    List<ExemptionGrant> applying = new ArrayList<>(plateGrants.exemptions.size());
    for (LocalGrant grant : plateGrants.exemptions.values()) {
      if (grant.municipalities.isEmpty() || grant.municipalities.contains(municipality)) {
        applying.add(grant.grant);
      }
    }
    return applying;
  }

  /** The plate's day exemptions in the municipality, of every date. */
  public List<DayExemptionGrant> dayExemptions(String plate, String municipality) {
    PlateGrants plateGrants = grants.get(plate);
    if (plateGrants == null) {
      return List.of();
    }
    List<DayExemptionGrant> days = plateGrants.days.get(municipality);
    return days == null ? List.of() : days;
  }

  private static final class PlateGrants {
    private final Map<String, LocalGrant> exemptions = new LinkedHashMap<>(2);
    private final Map<String, List<DayExemptionGrant>> days = new HashMap<>(2);
  }

  /** A grant with the municipalities of a local exemption (empty for a national one). */
  private record LocalGrant(ExemptionGrant grant, List<String> municipalities) {
  }
}
