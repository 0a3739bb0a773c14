package nl.zes.exemption.register;

import java.time.LocalDate;

/**
 * A line of Gekentekende_voertuigen.
 *
 * @param plate               kenteken, normalised
 * @param vehicleType         voertuigsoort (Bedrijfsauto, Personenauto, …), "" when absent
 * @param euCategory          europese_voertuigcategorie (N1, N2, N3, M1, …), "" when empty
 * @param bodyStyle           inrichting (opleggertrekker, gesloten opbouw, …), "" when empty
 * @param firstAdmission      datum_eerste_toelating
 * @param firstRegistrationNl datum_eerste_tenaamstelling_in_nederland, null when absent
 * @param maximumMassKg       toegestane_maximum_massa_voertuig, null when absent
 */
public record VehicleRow(
        long line,
        String plate,
        String vehicleType,
        String euCategory,
        String bodyStyle,
        LocalDate firstAdmission,
        LocalDate firstRegistrationNl,
        Integer maximumMassKg) implements ParsedLine {
}
