package nl.zes.exemption.domain;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every date, amount and limit of the domain that law or practice may change (docs/policy.md describes
 * each). The defaults are the classpath resource {@code /policy.json}; a policy file overrides any part of
 * them. Dates named "…End" are exclusive: "until D" means strictly before D.
 */
public record Policy(
        Access access,
        Vrijstellingen vrijstellingen,
        Exemptions exemptions,
        DayExemptions dayExemptions,
        Enforcement enforcement) {

    public Policy {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(vrijstellingen, "vrijstellingen");
        Objects.requireNonNull(exemptions, "exemptions");
        Objects.requireNonNull(dayExemptions, "dayExemptions");
        Objects.requireNonNull(enforcement, "enforcement");
    }

    /** The shipped defaults. */
    public static Policy defaults() {
        return PolicyJson.parse(PolicyJson.defaults());
    }

    /**
     * A policy file (JSON, the shape of {@code policy.json}) merged over the defaults: objects merge key by
     * key, any other value replaces the default. An unknown key or a malformed value is an
     * {@link IllegalArgumentException} naming its path.
     */
    public static Policy load(InputStream overrides) throws IOException {
        return PolicyJson.parse(PolicyJson.merge(PolicyJson.defaults(), PolicyJson.read(overrides)));
    }

    /** Which date decides whether a vehicle is new (NEW_2025) for an imported vehicle. */
    public enum NewVehicleDate {
        FIRST_ADMISSION,
        FIRST_REGISTRATION_NL
    }

    /** The access rules of DOMAIN.md §3. */
    public record Access(
            LocalDate newVehicleFrom,
            NewVehicleDate newVehicleDate,
            LocalDate vanEk5End,
            LocalDate vanEk6End,
            LocalDate tractorEk6FirstAdmissionFrom,
            LocalDate tractorEk6End,
            LocalDate rigidEk6FirstAdmissionFrom,
            LocalDate rigidEk6End,
            LocalDate rigidEk6OldFirstAdmissionFrom,
            LocalDate rigidEk6OldEnd,
            LocalDate generalEnd,
            List<EmissionClassDerivation> emissionClassDerivation) {

        public Access {
            emissionClassDerivation = List.copyOf(emissionClassDerivation);
        }
    }

    /**
     * One row of the table that supplies an emission class where the register has none, by kind, date of
     * first admission ({@code from} inclusive, {@code until} exclusive) and maximum mass (same); a null
     * bound is open.
     */
    public record EmissionClassDerivation(
            VehicleKind kind,
            LocalDate firstAdmissionFrom,
            LocalDate firstAdmissionUntil,
            Integer maximumMassFromKg,
            Integer maximumMassUntilKg,
            EmissionClass emissionClass) {

        public boolean appliesTo(Vehicle vehicle) {
            LocalDate det = vehicle.firstAdmission();
            Integer mass = vehicle.maximumMassKg();
            return vehicle.kind() == kind
                    && (firstAdmissionFrom == null || !det.isBefore(firstAdmissionFrom))
                    && (firstAdmissionUntil == null || det.isBefore(firstAdmissionUntil))
                    && (maximumMassFromKg == null || mass != null && mass >= maximumMassFromKg)
                    && (maximumMassUntilKg == null || mass != null && mass < maximumMassUntilKg);
        }
    }

    /** The automatic exemptions of DOMAIN.md §4; all end at {@link Access#generalEnd()}. */
    public record Vrijstellingen(
            int historicAgeYears,
            int specialTruckAgeLimitYears,
            Set<String> specialTruckBodyCodes,
            Set<String> specialPurposeCodes,
            Set<String> wheelchairCodes) {

        public Vrijstellingen {
            specialTruckBodyCodes = Set.copyOf(specialTruckBodyCodes);
            specialPurposeCodes = Set.copyOf(specialPurposeCodes);
            wheelchairCodes = Set.copyOf(wheelchairCodes);
        }
    }

    /** Long-term exemptions (DOMAIN.md §5). */
    public record Exemptions(
            LocalDate earliestApplicationDate,
            LocalDate businessEconomicNationalFrom,
            LocalDate gridCongestionNationalFrom,
            int specialVehicleAgeLimitYears,
            NotAvailableTerms notAvailableZeroEmission,
            Map<ExemptionType, TypeTerms> types) {

        public Exemptions {
            if (!types.keySet().containsAll(Set.of(ExemptionType.values()))) {
                throw new IllegalArgumentException("policy: exemptions.types must name every exemption type");
            }
            types = Collections.unmodifiableMap(new EnumMap<>(types));
        }

        public TypeTerms terms(ExemptionType type) {
            return types.get(type);
        }
    }

    /**
     * Fee and latest end of one exemption type.
     *
     * @param latestEnd the default end of a grant (exclusive); null for types granted until the requested end
     */
    public record TypeTerms(int feeEur, LocalDate latestEnd) {
    }

    /**
     * Validity of NOT_AVAILABLE_ZERO_EMISSION decided on or after {@code longerTermsFrom}: years from the
     * vehicle's first admission; vehicles with one of {@code thirdClassBodyCodes} get {@code thirdClassYears}.
     */
    public record NotAvailableTerms(
            LocalDate longerTermsFrom,
            int vanYears,
            int truckYears,
            int thirdClassYears,
            Set<String> thirdClassBodyCodes) {

        public NotAvailableTerms {
            thirdClassBodyCodes = Set.copyOf(thirdClassBodyCodes);
        }
    }

    /** Day exemptions (DOMAIN.md §6). */
    public record DayExemptions(int maxPerYear, LocalTime validUntilNextDay, int feeEur) {
    }

    /** Warnings and fines (DOMAIN.md §7). */
    public record Enforcement(int fineVanEur, int fineTruckEur, int warningPeriodMonths, boolean oneViolationPerDay) {

        /** The fines date of a municipality that has not confirmed one: its zone start plus the warning period. */
        public LocalDate defaultFinesFrom(LocalDate zoneStart) {
            return zoneStart.plusMonths(warningPeriodMonths);
        }

        public int fineEur(VehicleKind kind) {
            return switch (kind) {
                case VAN -> fineVanEur;
                case TRUCK -> fineTruckEur;
                case OTHER -> throw new IllegalArgumentException("no fine for a vehicle out of scope");
            };
        }
    }
}
