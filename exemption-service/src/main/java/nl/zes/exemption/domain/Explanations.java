package nl.zes.exemption.domain;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/** The plain sentences of access decisions. */
final class Explanations {

    static final String NOT_IN_SCOPE =
            "This vehicle is not a van or truck, so the zero-emission zone does not apply to it.";
    static final String NO_ZONE = "This municipality has no zone with a start date, so every vehicle may enter.";
    static final String FOREIGN = "Foreign plates cannot be checked against the Dutch register or fined "
            + "automatically, so this passage is not enforceable.";
    static final String UNRESOLVED = "The plate is not in the vehicle register (misread or not imported), "
            + "so this passage needs manual review.";

    private final Policy.Access access;
    private final Policy.Vrijstellingen vrijstellingen;

    Explanations(Policy policy) {
        this.access = policy.access();
        this.vrijstellingen = policy.vrijstellingen();
    }

    static String zoneNotActive(LocalDate zoneStart) {
        return "The zone starts on " + zoneStart + "; until then every vehicle may enter.";
    }

    static String zeroEmission(VehicleKind kind) {
        return "Zero-emission " + noun(kind) + " (every fuel is electricity or hydrogen) may always enter.";
    }

    String end2030(VehicleKind kind) {
        return "From " + access.generalEnd() + " only zero-emission vans and trucks may enter, and this "
                + noun(kind) + " is not zero-emission (rule END_2030).";
    }

    String newVehicle(VehicleKind kind) {
        String date = access.newVehicleDate() == Policy.NewVehicleDate.FIRST_REGISTRATION_NL
                ? "first registered in the Netherlands" : "first admitted";
        return capital(noun(kind)) + " " + date + " on or after " + access.newVehicleFrom()
                + " may enter only if it is zero-emission (rule NEW_2025).";
    }

    String historic(VehicleKind kind, LocalDate firstAdmission) {
        return capital(noun(kind)) + " first admitted " + firstAdmission + " is " + vrijstellingen.historicAgeYears()
                + " years or older and is exempt (vrijstelling) until " + access.generalEnd() + ".";
    }

    String wheelchair() {
        return "Wheelchair-accessible van is exempt (vrijstelling) until " + access.generalEnd() + ".";
    }

    String specialTruck(LocalDate firstAdmission, LocalDate until) {
        String reason = until.equals(access.generalEnd())
                ? "when every vrijstelling ends"
                : "when it turns " + vrijstellingen.specialTruckAgeLimitYears();
        return "Special-purpose truck first admitted " + firstAdmission + " is exempt (vrijstelling) until "
                + until + ", " + reason + ".";
    }

    /** The sentence of a transition rule (VAN_EK5 … TRUCK_OLD) for a vehicle of the given shape and class. */
    String transition(AccessRule rule, Shape shape, EmissionClass emissionClass, boolean derived, boolean allowed) {
        String subject = subject(shape, emissionClass, derived);
        return switch (rule) {
            case VAN_EK5 -> window(subject, rule, "before " + access.newVehicleFrom(), access.vanEk5End(), allowed);
            case VAN_EK6 -> window(subject, rule, "before " + access.newVehicleFrom(), access.vanEk6End(), allowed);
            case TRACTOR_EK6 -> window(subject, rule, between(access.tractorEk6FirstAdmissionFrom(),
                    access.newVehicleFrom()), access.tractorEk6End(), allowed);
            case RIGID_EK6 -> window(subject, rule, between(access.rigidEk6FirstAdmissionFrom(),
                    access.newVehicleFrom()), access.rigidEk6End(), allowed);
            case RIGID_EK6_OLD -> window(subject, rule, between(access.rigidEk6OldFirstAdmissionFrom(),
                    access.rigidEk6FirstAdmissionFrom()), access.rigidEk6OldEnd(), allowed);
            case VAN_OLD -> subject + " may not enter: a van needs emission class 5 or 6 for a transition rule "
                    + "(rule VAN_OLD).";
            case TRUCK_OLD -> emissionClass.level() == 6
                    ? subject + " first admitted before " + oldestTransition(shape) + " may not enter (rule TRUCK_OLD)."
                    : subject + " may not enter: a truck needs emission class VI for a transition rule "
                            + "(rule TRUCK_OLD).";
            default -> throw new IllegalArgumentException("not a transition rule: " + rule);
        };
    }

    static String exemption(ExemptionGrant grant, AccessRule notAllowedBy) {
        return "Exemption " + grant.id() + " (" + grant.type() + ") allows this vehicle to enter until "
                + grant.validUntil() + although(notAllowedBy) + ".";
    }

    static String dayExemption(DayExemptionGrant grant, AccessRule notAllowedBy) {
        ZonedDateTime until = grant.validUntil().atZone(Amsterdam.ZONE);
        return "Day exemption " + grant.id() + " for " + grant.date() + " allows this vehicle to enter until "
                + until.toLocalTime() + " on " + until.toLocalDate() + although(notAllowedBy) + ".";
    }

    private static String although(AccessRule notAllowedBy) {
        return notAllowedBy == AccessRule.FOREIGN || notAllowedBy == AccessRule.UNRESOLVED
                ? "" : ", although rule " + notAllowedBy.id() + " does not";
    }

    private static String window(String subject, AccessRule rule, String admitted, LocalDate end, boolean allowed) {
        return allowed
                ? subject + " first admitted " + admitted + " may enter until " + end + " under transition rule "
                        + rule + "."
                : subject + " first admitted " + admitted + " could enter only until " + end
                        + " under transition rule " + rule + "; that period has ended.";
    }

    private static String between(LocalDate from, LocalDate until) {
        return "from " + from + " to " + until.minusDays(1);
    }

    private LocalDate oldestTransition(Shape shape) {
        return shape == Shape.TRACTOR_UNIT ? access.tractorEk6FirstAdmissionFrom()
                : access.rigidEk6OldFirstAdmissionFrom();
    }

    private static String subject(Shape shape, EmissionClass emissionClass, boolean derived) {
        VehicleKind kind = shape == Shape.VAN ? VehicleKind.VAN : VehicleKind.TRUCK;
        String vehicle = switch (shape) {
            case VAN -> "Van";
            case TRACTOR_UNIT -> "Tractor unit";
            case RIGID_TRUCK -> "Rigid truck";
        };
        if (emissionClass == EmissionClass.UNKNOWN) {
            return vehicle + " with no registered emission class";
        }
        return vehicle + " with emission class " + emissionClass.notation(kind)
                + (derived ? " (derived: none is registered)" : "");
    }

    private static String noun(VehicleKind kind) {
        return kind == VehicleKind.VAN ? "van" : "truck";
    }

    private static String capital(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** What the transition rules distinguish. */
    enum Shape {
        VAN,
        TRACTOR_UNIT,
        RIGID_TRUCK
    }
}
