package nl.zes.exemption.domain;

import java.time.LocalDate;

/** The long-term exemptions (ontheffingen) of DOMAIN.md §5, with the names the monitoring letter's Table 1 uses. */
public enum ExemptionType {
    PRIVATE_USE("Particulier gebruik bedrijfs- en vrachtauto"),
    DISABILITY_ADAPTED("Een bedrijfs- en vrachtauto's dat vanwege een handicap is aangepast"),
    SPECIAL_VEHICLE("Bijzondere voertuigen met een DET tot 13 jaar oud"),
    NOT_AVAILABLE_ZERO_EMISSION("Voertuigen die emissieloos niet verkrijgbaar zijn"),
    DELIVERY_TIME("In verband met de levertijd van een vervangend emissieloos voertuig"),
    BUSINESS_ECONOMIC("In verband met bedrijfseconomische omstandigheden (gemeentelijke ontheffing)"),
    HARDSHIP("In verband met de afwijkingsbevoegdheid - Hardheidsclausule (gemeentelijke ontheffing)"),
    /** Not in the sixth letter's Table 1 (the type is national from 2026); the name is ours. */
    GRID_CONGESTION("In verband met netcongestie");

    private final String letterName;

    ExemptionType(String letterName) {
        this.letterName = letterName;
    }

    public String letterName() {
        return letterName;
    }

    /** The scope of an application submitted on the given date. */
    public Scope scopeAt(LocalDate submitted, Policy policy) {
        Policy.Exemptions terms = policy.exemptions();
        return switch (this) {
            case HARDSHIP -> Scope.LOCAL;
            case BUSINESS_ECONOMIC -> nationalFrom(terms.businessEconomicNationalFrom(), submitted);
            case GRID_CONGESTION -> nationalFrom(terms.gridCongestionNationalFrom(), submitted);
            default -> Scope.NATIONAL;
        };
    }

    /** Whether grants run until the requested end (the policy gives no end), so an application must state one. */
    public boolean requiresRequestedEnd(Policy policy) {
        return switch (this) {
            case SPECIAL_VEHICLE, NOT_AVAILABLE_ZERO_EMISSION -> false;
            default -> policy.exemptions().terms(this).latestEnd() == null;
        };
    }

    /**
     * The validity of a grant when the decision states none. It starts on the later of the requested start
     * and the decision date (there is no access while an application is pending) and ends (exclusive) per
     * §5, never later than the requested end when one was given.
     *
     * @param vehicle the vehicle from the register, or null when the plate is not (yet) in it
     * @throws IllegalArgumentException when the type {@link #requiresRequestedEnd requires a requested end} and none is given
     */
    public Validity defaultValidity(
            LocalDate decisionDate, LocalDate requestedFrom, LocalDate requestedUntil, Vehicle vehicle, Policy policy) {
        LocalDate validFrom = requestedFrom.isAfter(decisionDate) ? requestedFrom : decisionDate;
        LocalDate end = switch (this) {
            case SPECIAL_VEHICLE -> specialVehicleEnd(vehicle, policy);
            case NOT_AVAILABLE_ZERO_EMISSION -> notAvailableEnd(decisionDate, validFrom, vehicle, policy);
            default -> policy.exemptions().terms(this).latestEnd();
        };
        if (end == null) {
            if (requestedUntil == null) {
                throw new IllegalArgumentException(name() + " is granted until the requested end, and none was given");
            }
            return new Validity(validFrom, requestedUntil);
        }
        return new Validity(validFrom, requestedUntil != null && requestedUntil.isBefore(end) ? requestedUntil : end);
    }

    private static Scope nationalFrom(LocalDate nationalFrom, LocalDate submitted) {
        return submitted.isBefore(nationalFrom) ? Scope.LOCAL : Scope.NATIONAL;
    }

    private LocalDate specialVehicleEnd(Vehicle vehicle, Policy policy) {
        LocalDate latest = policy.exemptions().terms(this).latestEnd();
        if (vehicle == null) {
            return latest;
        }
        LocalDate thirteen = vehicle.firstAdmission().plusYears(policy.exemptions().specialVehicleAgeLimitYears());
        return latest != null && latest.isBefore(thirteen) ? latest : thirteen;
    }

    private LocalDate notAvailableEnd(LocalDate decisionDate, LocalDate validFrom, Vehicle vehicle, Policy policy) {
        Policy.NotAvailableTerms terms = policy.exemptions().notAvailableZeroEmission();
        if (decisionDate.isBefore(terms.longerTermsFrom())) {
            return policy.exemptions().terms(this).latestEnd();
        }
        if (vehicle == null) {
            int shortest = Math.min(terms.thirdClassYears(), Math.min(terms.vanYears(), terms.truckYears()));
            return validFrom.plusYears(shortest);
        }
        int years = vehicle.hasAnyBodyCode(terms.thirdClassBodyCodes()) ? terms.thirdClassYears()
                : vehicle.kind() == VehicleKind.VAN ? terms.vanYears()
                : terms.truckYears();
        return vehicle.firstAdmission().plusYears(years);
    }
}
