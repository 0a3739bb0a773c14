package nl.zes.exemption.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.zone.ZoneRules;
import java.util.List;
import nl.zes.exemption.domain.AccessDecision.Basis;
import nl.zes.exemption.domain.Explanations.Shape;

/**
 * The access rules of DOMAIN.md §3 and §4, first match wins, then exemptions and day exemptions for what
 * the rules do not allow (docs/access-rules.md gives the order and the choices made).
 *
 * <p>Built for batches of millions: the common decisions are shared instances built once, and the calendar
 * facts of a passage's day are computed once per day, so deciding an ordinary passage allocates nothing.
 * Thread-safe.
 */
public final class AccessRules {

    private static final ZoneRules AMSTERDAM = Amsterdam.ZONE.getRules();
    private static final int SHAPES = Shape.values().length;
    private static final int CLASSES = EmissionClass.values().length;

    private final Policy.Access access;
    private final Policy.Vrijstellingen vrijstellingen;
    private final Explanations explanations;
    private final Instant generalEnd;
    private final AccessDecision notInScope;
    private final AccessDecision noZone;
    private final AccessDecision foreign;
    private final AccessDecision unresolved;
    private final AccessDecision wheelchair;
    private final AccessDecision[] zeroEmission;
    private final AccessDecision[] end2030;
    private final AccessDecision[] newVehicle;
    /** Transition decisions by rule, shape, emission class and outcome, filled on first use. */
    private final AccessDecision[] transitions = new AccessDecision[AccessRule.values().length * SHAPES * CLASSES * 2];
    private volatile Day lastDay;

    public AccessRules(Policy policy) {
        this.access = policy.access();
        this.vrijstellingen = policy.vrijstellingen();
        this.explanations = new Explanations(policy);
        this.generalEnd = Amsterdam.startOfDay(access.generalEnd());
        this.notInScope = allowed(Basis.NOT_IN_SCOPE, AccessRule.NOT_IN_SCOPE, null, Explanations.NOT_IN_SCOPE);
        this.noZone = allowed(Basis.ZONE_NOT_ACTIVE, AccessRule.ZONE_NOT_ACTIVE, null, Explanations.NO_ZONE);
        this.foreign = notAllowed(Basis.FOREIGN_NOT_ENFORCEABLE, AccessRule.FOREIGN, Explanations.FOREIGN);
        this.unresolved = notAllowed(Basis.UNRESOLVED, AccessRule.UNRESOLVED, Explanations.UNRESOLVED);
        this.wheelchair = allowed(Basis.VRIJSTELLING, AccessRule.VRIJSTELLING_WHEELCHAIR, generalEnd,
                explanations.wheelchair());
        this.zeroEmission = new AccessDecision[VehicleKind.values().length];
        this.end2030 = new AccessDecision[VehicleKind.values().length];
        this.newVehicle = new AccessDecision[VehicleKind.values().length];
        for (VehicleKind kind : List.of(VehicleKind.VAN, VehicleKind.TRUCK)) {
            zeroEmission[kind.ordinal()] = allowed(Basis.ZERO_EMISSION, AccessRule.ZERO_EMISSION, null,
                    Explanations.zeroEmission(kind));
            end2030[kind.ordinal()] = notAllowed(Basis.NONE, AccessRule.END_2030, explanations.end2030(kind));
            newVehicle[kind.ordinal()] = notAllowed(Basis.NONE, AccessRule.NEW_2025, explanations.newVehicle(kind));
        }
    }

    /**
     * Decides one passage.
     *
     * @param vehicle       the register's vehicle; null when the plate is not in the register (or is foreign)
     * @param foreign       the plate is not Dutch; the register is then not consulted
     * @param zoneStart     the start date of the zone passed; null when the municipality has no zone with a date
     * @param at            the moment of the passage
     * @param exemptions    the plate's granted exemptions that apply in this municipality (may include expired ones)
     * @param dayExemptions the plate's day exemptions in this municipality (may include other days)
     */
    public AccessDecision decide(
            Vehicle vehicle,
            boolean foreign,
            LocalDate zoneStart,
            Instant at,
            List<ExemptionGrant> exemptions,
            List<DayExemptionGrant> dayExemptions) {
        Day day = day(at);
        if (!foreign && vehicle != null && !vehicle.kind().inScope()) {
            return notInScope;
        }
        if (zoneStart == null) {
            return noZone;
        }
        if (day.date.isBefore(zoneStart)) {
            return allowed(Basis.ZONE_NOT_ACTIVE, AccessRule.ZONE_NOT_ACTIVE, Amsterdam.startOfDay(zoneStart),
                    Explanations.zoneNotActive(zoneStart));
        }
        AccessDecision byRules = foreign ? this.foreign : vehicle == null ? unresolved : byRules(vehicle, day);
        if (byRules.allowed()) {
            return byRules;
        }
        ExemptionGrant exemption = bestExemption(exemptions, day.date);
        if (exemption != null) {
            return new AccessDecision(true, Basis.EXEMPTION, AccessRule.EXEMPTION,
                    Amsterdam.startOfDay(exemption.validUntil()), exemption.id(),
                    Explanations.exemption(exemption, byRules.rule()));
        }
        DayExemptionGrant dayExemption = bestDayExemption(dayExemptions, at);
        if (dayExemption != null) {
            return new AccessDecision(true, Basis.DAY_EXEMPTION, AccessRule.DAY_EXEMPTION,
                    dayExemption.validUntil(), dayExemption.id(),
                    Explanations.dayExemption(dayExemption, byRules.rule()));
        }
        return byRules;
    }

    private AccessDecision byRules(Vehicle vehicle, Day day) {
        VehicleKind kind = vehicle.kind();
        if (vehicle.zeroEmission()) {
            return zeroEmission[kind.ordinal()];
        }
        if (day.pastGeneralEnd) {
            return end2030[kind.ordinal()];
        }
        AccessDecision vrijstelling = vrijstelling(vehicle, day);
        if (vrijstelling != null) {
            return vrijstelling;
        }
        if (isNew(vehicle)) {
            return newVehicle[kind.ordinal()];
        }
        EmissionClass emissionClass = effectiveEmissionClass(vehicle);
        boolean derived = emissionClass != vehicle.emissionClass();
        return kind == VehicleKind.VAN
                ? van(emissionClass, derived, day.date)
                : truck(vehicle, emissionClass, derived, day.date);
    }

    private AccessDecision vrijstelling(Vehicle vehicle, Day day) {
        LocalDate firstAdmission = vehicle.firstAdmission();
        if (!firstAdmission.isAfter(day.historicAdmittedBy)) {
            return allowed(Basis.VRIJSTELLING, AccessRule.VRIJSTELLING_HISTORIC, generalEnd,
                    explanations.historic(vehicle.kind(), firstAdmission));
        }
        if (vehicle.kind() == VehicleKind.VAN) {
            return vehicle.hasAnyCode(vrijstellingen.wheelchairCodes()) ? wheelchair : null;
        }
        if (firstAdmission.isAfter(day.specialTruckAdmittedBy)
                && (vehicle.hasAnyBodyCode(vrijstellingen.specialTruckBodyCodes())
                        || vehicle.hasAnyBodyCode(vrijstellingen.specialPurposeCodes()))) {
            LocalDate turnsOld = firstAdmission.plusYears(vrijstellingen.specialTruckAgeLimitYears());
            LocalDate until = turnsOld.isBefore(access.generalEnd()) ? turnsOld : access.generalEnd();
            return allowed(Basis.VRIJSTELLING, AccessRule.VRIJSTELLING_SPECIAL_TRUCK, Amsterdam.startOfDay(until),
                    explanations.specialTruck(firstAdmission, until));
        }
        return null;
    }

    private boolean isNew(Vehicle vehicle) {
        LocalDate date = vehicle.firstAdmission();
        if (access.newVehicleDate() == Policy.NewVehicleDate.FIRST_REGISTRATION_NL
                && vehicle.firstRegistrationNl() != null) {
            date = vehicle.firstRegistrationNl();
        }
        return !date.isBefore(access.newVehicleFrom());
    }

    private EmissionClass effectiveEmissionClass(Vehicle vehicle) {
        if (vehicle.emissionClass() != EmissionClass.UNKNOWN) {
            return vehicle.emissionClass();
        }
        List<Policy.EmissionClassDerivation> table = access.emissionClassDerivation();
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).appliesTo(vehicle)) {
                return table.get(i).emissionClass();
            }
        }
        return EmissionClass.UNKNOWN;
    }

    private AccessDecision van(EmissionClass emissionClass, boolean derived, LocalDate date) {
        int level = emissionClass.level();
        if (level == 5) {
            return transition(AccessRule.VAN_EK5, Shape.VAN, emissionClass, derived, date, access.vanEk5End());
        }
        if (level >= 6) {
            return transition(AccessRule.VAN_EK6, Shape.VAN, emissionClass, derived, date, access.vanEk6End());
        }
        return transition(AccessRule.VAN_OLD, Shape.VAN, emissionClass, derived, date, null);
    }

    private AccessDecision truck(Vehicle vehicle, EmissionClass emissionClass, boolean derived, LocalDate date) {
        Shape shape = vehicle.tractorUnit() ? Shape.TRACTOR_UNIT : Shape.RIGID_TRUCK;
        if (emissionClass.level() >= 6) {
            LocalDate firstAdmission = vehicle.firstAdmission();
            if (vehicle.tractorUnit()) {
                if (!firstAdmission.isBefore(access.tractorEk6FirstAdmissionFrom())) {
                    return transition(AccessRule.TRACTOR_EK6, shape, emissionClass, derived, date,
                            access.tractorEk6End());
                }
            } else if (!firstAdmission.isBefore(access.rigidEk6FirstAdmissionFrom())) {
                return transition(AccessRule.RIGID_EK6, shape, emissionClass, derived, date, access.rigidEk6End());
            } else if (!firstAdmission.isBefore(access.rigidEk6OldFirstAdmissionFrom())) {
                return transition(AccessRule.RIGID_EK6_OLD, shape, emissionClass, derived, date,
                        access.rigidEk6OldEnd());
            }
        }
        return transition(AccessRule.TRUCK_OLD, shape, emissionClass, derived, date, null);
    }

    /** A transition rule's decision; {@code end} null for the rules that never allow (VAN_OLD, TRUCK_OLD). */
    private AccessDecision transition(
            AccessRule rule, Shape shape, EmissionClass emissionClass, boolean derived, LocalDate date, LocalDate end) {
        boolean allowed = end != null && date.isBefore(end);
        if (derived) {
            return transitionDecision(rule, shape, emissionClass, true, allowed, end);
        }
        int index = ((rule.ordinal() * SHAPES + shape.ordinal()) * CLASSES + emissionClass.ordinal()) * 2
                + (allowed ? 1 : 0);
        AccessDecision decision = transitions[index];
        if (decision == null) {
            // A benign race: records are immutable, so two threads may build equal decisions.
            decision = transitionDecision(rule, shape, emissionClass, false, allowed, end);
            transitions[index] = decision;
        }
        return decision;
    }

    private AccessDecision transitionDecision(
            AccessRule rule, Shape shape, EmissionClass emissionClass, boolean derived, boolean allowed,
            LocalDate end) {
        String explanation = explanations.transition(rule, shape, emissionClass, derived, allowed);
        return allowed
                ? allowed(Basis.TRANSITION, rule, Amsterdam.startOfDay(end), explanation)
                : notAllowed(Basis.NONE, rule, explanation);
    }

    private static ExemptionGrant bestExemption(List<ExemptionGrant> grants, LocalDate date) {
        ExemptionGrant best = null;
        for (int i = 0; i < grants.size(); i++) {
            ExemptionGrant grant = grants.get(i);
            if (grant.validOn(date) && (best == null || grant.validUntil().isAfter(best.validUntil()))) {
                best = grant;
            }
        }
        return best;
    }

    private static DayExemptionGrant bestDayExemption(List<DayExemptionGrant> grants, Instant at) {
        DayExemptionGrant best = null;
        for (int i = 0; i < grants.size(); i++) {
            DayExemptionGrant grant = grants.get(i);
            if (grant.validAt(at) && (best == null || grant.validUntil().isAfter(best.validUntil()))) {
                best = grant;
            }
        }
        return best;
    }

    private Day day(Instant at) {
        long second = at.getEpochSecond();
        Day day = lastDay;
        if (day == null || second < day.fromSecond || second >= day.untilSecond) {
            long localSeconds = second + AMSTERDAM.getOffset(at).getTotalSeconds();
            LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(localSeconds, 86_400L));
            day = new Day(date.atStartOfDay(Amsterdam.ZONE).toEpochSecond(),
                    date.plusDays(1).atStartOfDay(Amsterdam.ZONE).toEpochSecond(), date,
                    admittedBy(date, vrijstellingen.historicAgeYears()),
                    admittedBy(date, vrijstellingen.specialTruckAgeLimitYears()),
                    !date.isBefore(access.generalEnd()));
            lastDay = day;
        }
        return day;
    }

    /**
     * The latest first admission for which a vehicle is {@code years} old on {@code date}, where a vehicle
     * turns N on {@code firstAdmission.plusYears(N)} (so one admitted on 29 February turns N on 28 February
     * in a common year).
     */
    static LocalDate admittedBy(LocalDate date, int years) {
        LocalDate admittedBy = date.minusYears(years);
        boolean lastOfFebruaryInCommonYear = date.getMonthValue() == 2 && date.getDayOfMonth() == 28
                && !date.isLeapYear();
        return lastOfFebruaryInCommonYear && Year.isLeap(admittedBy.getYear()) ? admittedBy.plusDays(1) : admittedBy;
    }

    private static AccessDecision allowed(Basis basis, AccessRule rule, Instant until, String explanation) {
        return new AccessDecision(true, basis, rule, until, null, explanation);
    }

    private static AccessDecision notAllowed(Basis basis, AccessRule rule, String explanation) {
        return new AccessDecision(false, basis, rule, null, null, explanation);
    }

    /**
     * Calendar facts of one Amsterdam day, shared by every passage on it; the day lasts from {@code fromSecond}
     * until {@code untilSecond} (epoch seconds), so a passage of the same day needs no time-zone arithmetic.
     */
    private record Day(
            long fromSecond, long untilSecond, LocalDate date, LocalDate historicAdmittedBy,
            LocalDate specialTruckAdmittedBy, boolean pastGeneralEnd) {
    }
}
