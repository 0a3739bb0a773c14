package nl.zes.exemption.domain;

import java.time.Instant;
import java.time.LocalDate;

/** The rules of day exemptions (DOMAIN.md §6), on the Europe/Amsterdam calendar. */
public final class DayExemptionRules {

    private final Policy.DayExemptions policy;

    public DayExemptionRules(Policy.DayExemptions policy) {
        this.policy = policy;
    }

    /** From 00:00 on the date until (exclusive) the policy's hour, 06:00 by default, on the next day. */
    public Window window(LocalDate date) {
        Instant from = date.atStartOfDay(Amsterdam.ZONE).toInstant();
        Instant until = date.plusDays(1).atTime(policy.validUntilNextDay()).atZone(Amsterdam.ZONE).toInstant();
        return new Window(from, until);
    }

    /** The calendar year a day exemption counts against: that of its date, not of the request. */
    public int countingYear(LocalDate date) {
        return date.getYear();
    }

    /** A day exemption may be requested for today (also afterwards, the same day) or a later day. */
    public boolean mayRequest(Instant requestedAt, LocalDate date) {
        return !date.isBefore(Amsterdam.dateOf(requestedAt));
    }

    /** How many remain in a year for a plate and municipality that has used {@code usedThisYear}. */
    public int remaining(int usedThisYear) {
        return Math.max(0, policy.maxPerYear() - usedThisYear);
    }

    public record Window(Instant validFrom, Instant validUntil) {
    }
}
