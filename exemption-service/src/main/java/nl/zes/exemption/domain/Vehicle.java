package nl.zes.exemption.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A vehicle as the zone rules see it, assembled from the register's vehicle, fuel and body rows.
 *
 * @param plate               normalised plate
 * @param category            EU vehicle category (N1, N2, N3, M1, …), null when the register has none
 * @param kind                van, truck or out of scope
 * @param tractorUnit         a truck whose inrichting is "opleggertrekker"
 * @param fuels               fuel descriptions in the register's order (Diesel, Elektriciteit, …)
 * @param emissionClass       as registered; {@link EmissionClass#UNKNOWN} when empty
 * @param firstAdmission      date of first admission (DET)
 * @param firstRegistrationNl date of first registration in the Netherlands, null when unknown
 * @param bodyCodes           carrosseriecodes (15, 26, …) and European body types (SH, SB, SF, BB, …)
 * @param remarkCodes         register remark codes (bijzonderheidscodes, e.g. 145 for wheelchair access)
 * @param maximumMassKg       technically permitted maximum mass, null when unknown
 */
public record Vehicle(
        String plate,
        String category,
        VehicleKind kind,
        boolean tractorUnit,
        List<String> fuels,
        EmissionClass emissionClass,
        LocalDate firstAdmission,
        LocalDate firstRegistrationNl,
        Set<String> bodyCodes,
        Set<String> remarkCodes,
        Integer maximumMassKg) {

    public Vehicle {
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(emissionClass, "emissionClass");
        Objects.requireNonNull(firstAdmission, "firstAdmission");
        fuels = List.copyOf(fuels);
        bodyCodes = Set.copyOf(bodyCodes);
        remarkCodes = Set.copyOf(remarkCodes);
    }

    /** Every fuel is electricity or hydrogen (a hybrid has another fuel as well, and is not). */
    public boolean zeroEmission() {
        if (fuels.isEmpty()) {
            return false;
        }
        for (int i = 0; i < fuels.size(); i++) {
            if (!isZeroEmissionFuel(fuels.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether any of the given codes is among this vehicle's body codes or remark codes. */
    public boolean hasAnyCode(Set<String> codes) {
        return hasAny(bodyCodes, codes) || hasAny(remarkCodes, codes);
    }

    /** Whether any of the given codes is among this vehicle's body codes. */
    public boolean hasAnyBodyCode(Set<String> codes) {
        return hasAny(bodyCodes, codes);
    }

    public static boolean isZeroEmissionFuel(String fuel) {
        return "Elektriciteit".equalsIgnoreCase(fuel) || "Waterstof".equalsIgnoreCase(fuel);
    }

    private static boolean hasAny(Set<String> own, Set<String> wanted) {
        if (own.isEmpty()) {
            return false;
        }
        for (String code : own) {
            if (wanted.contains(code)) {
                return true;
            }
        }
        return false;
    }
}
