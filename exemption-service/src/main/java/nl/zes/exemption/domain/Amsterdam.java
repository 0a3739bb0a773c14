package nl.zes.exemption.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The calendar every rule uses: days, months and years are those of Europe/Amsterdam. */
public final class Amsterdam {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private Amsterdam() {
    }

    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    public static Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }
}
