package nl.zes.exemption.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Vehicles for rule tables: {@code van("6", "2019-03-01").build()}. */
final class TestVehicles {

    private TestVehicles() {
    }

    static Builder van(String emissionClass, String firstAdmission) {
        return new Builder("N1", VehicleKind.VAN, false, emissionClass, firstAdmission);
    }

    static Builder tractor(String emissionClass, String firstAdmission) {
        return new Builder("N3", VehicleKind.TRUCK, true, emissionClass, firstAdmission);
    }

    static Builder rigid(String emissionClass, String firstAdmission) {
        return new Builder("N2", VehicleKind.TRUCK, false, emissionClass, firstAdmission);
    }

    static Builder car(String firstAdmission) {
        return new Builder("M1", VehicleKind.OTHER, false, "4", firstAdmission);
    }

    static final class Builder {
        private final String category;
        private final VehicleKind kind;
        private final boolean tractorUnit;
        private final EmissionClass emissionClass;
        private final LocalDate firstAdmission;
        private List<String> fuels = List.of("Diesel");
        private Set<String> bodyCodes = Set.of();
        private Set<String> remarkCodes = Set.of();
        private LocalDate firstRegistrationNl;
        private Integer maximumMassKg;

        private Builder(String category, VehicleKind kind, boolean tractorUnit, String emissionClass,
                String firstAdmission) {
            this.category = category;
            this.kind = kind;
            this.tractorUnit = tractorUnit;
            this.emissionClass = EmissionClass.parse(emissionClass);
            this.firstAdmission = LocalDate.parse(firstAdmission);
        }

        Builder fuels(String... fuels) {
            this.fuels = List.of(fuels);
            return this;
        }

        Builder bodyCodes(String... codes) {
            this.bodyCodes = Set.of(codes);
            return this;
        }

        Builder remarkCodes(String... codes) {
            this.remarkCodes = Set.of(codes);
            return this;
        }

        Builder firstRegistrationNl(String date) {
            this.firstRegistrationNl = LocalDate.parse(date);
            return this;
        }

        Builder maximumMassKg(int kg) {
            this.maximumMassKg = kg;
            return this;
        }

        Vehicle build() {
            return new Vehicle("AB123C", category, kind, tractorUnit, fuels, emissionClass, firstAdmission,
                    firstRegistrationNl, bodyCodes, remarkCodes, maximumMassKg);
        }
    }
}
