package nl.zes.exemption.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** A day exemption for one plate in one municipality: valid from {@code validFrom} until {@code validUntil} (exclusive). */
public record DayExemptionGrant(String id, LocalDate date, Instant validFrom, Instant validUntil) {

    public DayExemptionGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && at.isBefore(validUntil);
    }
}
