package nl.zes.exemption.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A granted long-term exemption as the access rules need it. {@code validUntil} is exclusive.
 * A local grant only counts in the municipalities it names: the caller passes the grants that apply
 * in the municipality being decided.
 */
public record ExemptionGrant(String id, ExemptionType type, Scope scope, LocalDate validFrom, LocalDate validUntil) {

    public ExemptionGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && day.isBefore(validUntil);
    }
}
