package nl.zes.exemption.domain;

/**
 * The rule that decided an access question. {@link #id()} is the id of DOMAIN.md §3 that is published;
 * the three vrijstellingen share the id VRIJSTELLING and are told apart here and in the explanation.
 */
public enum AccessRule {
    NOT_IN_SCOPE,
    ZONE_NOT_ACTIVE,
    ZERO_EMISSION,
    VRIJSTELLING_HISTORIC("VRIJSTELLING"),
    VRIJSTELLING_WHEELCHAIR("VRIJSTELLING"),
    VRIJSTELLING_SPECIAL_TRUCK("VRIJSTELLING"),
    NEW_2025,
    VAN_EK5,
    VAN_EK6,
    VAN_OLD,
    TRACTOR_EK6,
    RIGID_EK6,
    RIGID_EK6_OLD,
    TRUCK_OLD,
    END_2030,
    EXEMPTION,
    DAY_EXEMPTION,
    FOREIGN,
    UNRESOLVED;

    private final String id;

    AccessRule() {
        this.id = name();
    }

    AccessRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
