package nl.zes.exemption.domain;

import java.time.LocalDate;
import java.util.Objects;

/** A period of validity: from {@code validFrom} (inclusive) until {@code validUntil} (exclusive). */
public record Validity(LocalDate validFrom, LocalDate validUntil) {

    public Validity {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    /** True when it ends before or when it starts, e.g. for a special vehicle already 13 years old. */
    public boolean isEmpty() {
        return !validUntil.isAfter(validFrom);
    }
}
