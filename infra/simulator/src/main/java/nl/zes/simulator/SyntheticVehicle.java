package nl.zes.simulator;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated vehicle with what its register rows say.
 *
 * @param plate             normalised plate
 * @param kind              van, truck or passenger car
 * @param vehicleType       voertuigsoort
 * @param category          europese_voertuigcategorie; empty for some very old vehicles, as in the register
 * @param bodyStyle         inrichting
 * @param make              merk
 * @param model             handelsbenaming
 * @param firstAdmission    datum_eerste_toelating
 * @param registeredInNl    datum_eerste_tenaamstelling_in_nederland (later than the first admission for imports)
 * @param maximumMassKg     toegestane_maximum_massa_voertuig
 * @param kerbMassKg        massa_rijklaar
 * @param fuels             fuel rows in brandstof_volgnummer order
 * @param bodyType          carrosserietype (European body type: BB, BA, SH, SB, SF…)
 * @param bodyCode          carrosseriecode of a special truck body (15, 16, 19, 23, 26, 27, 31), or null
 * @param remarkCode        bijzonderheid_code (145–149 wheelchair access), or null
 * @param refusedByRules    whether the zone rules would refuse it in late 2025 without an exemption — the
 *                          simulator's own model of who stays out of the zones, not the service's verdict
 */
public record SyntheticVehicle(
    String plate,
    VehicleKind kind,
    String vehicleType,
    String category,
    String bodyStyle,
    String make,
    String model,
    LocalDate firstAdmission,
    LocalDate registeredInNl,
    int maximumMassKg,
    int kerbMassKg,
    List<Fuel> fuels,
    String bodyType,
    String bodyCode,
    String remarkCode,
    boolean refusedByRules) {

  /**
   * One fuel row.
   *
   * @param description   brandstof_omschrijving
   * @param emissionCode  emissiecode_omschrijving, in the notation this row happens to use ("" when empty)
   * @param exhaustLevel  uitlaatemissieniveau ("" when empty)
   */
  public record Fuel(String description, String emissionCode, String exhaustLevel) {
  }
}
