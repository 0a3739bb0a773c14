package nl.zes.exemption.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer to "may this vehicle enter this municipality's zone at this moment, and why".
 *
 * @param allowed      whether the passage is allowed
 * @param basis        what allowed it, or why it was not decided against the register
 * @param rule         the rule that decided
 * @param allowedUntil when the allowance ends (exclusive), null when it does not end or there is none
 * @param exemptionId  the exemption or day exemption that allowed it, else null
 * @param explanation  one plain sentence for a person
 */
public record AccessDecision(
        boolean allowed,
        Basis basis,
        AccessRule rule,
        Instant allowedUntil,
        String exemptionId,
        String explanation) {

    public AccessDecision {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** The published rule id (DOMAIN.md §3). */
    public String ruleId() {
        return rule.id();
    }

    public enum Basis {
        NOT_IN_SCOPE,
        ZONE_NOT_ACTIVE,
        ZERO_EMISSION,
        VRIJSTELLING,
        TRANSITION,
        EXEMPTION,
        DAY_EXEMPTION,
        FOREIGN_NOT_ENFORCEABLE,
        UNRESOLVED,
        /** Not allowed: no rule, exemption or day exemption allows it. */
        NONE
    }
}
