package nl.zes.exemption.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DayExemptionRulesTest {

    private static final DayExemptionRules RULES = new DayExemptionRules(Policy.defaults().dayExemptions());

    @ParameterizedTest(name = "{0}: {1} until {2}")
    @CsvSource({
        "2025-03-10, 2025-03-09T23:00:00Z, 2025-03-11T05:00:00Z, PT30H", // winter, UTC+1
        "2025-07-10, 2025-07-09T22:00:00Z, 2025-07-11T04:00:00Z, PT30H", // summer, UTC+2
        "2025-03-29, 2025-03-28T23:00:00Z, 2025-03-30T04:00:00Z, PT29H", // clocks go forward that night
        "2025-10-25, 2025-10-24T22:00:00Z, 2025-10-26T05:00:00Z, PT31H", // clocks go back that night
        "2025-12-31, 2025-12-30T23:00:00Z, 2026-01-01T05:00:00Z, PT30H",
    })
    void isValidFromMidnightUntilSixTheNextDay(LocalDate date, Instant from, Instant until, Duration length) {
        DayExemptionRules.Window window = RULES.window(date);
        assertThat(window.validFrom()).isEqualTo(from);
        assertThat(window.validUntil()).isEqualTo(until);
        assertThat(Duration.between(window.validFrom(), window.validUntil())).isEqualTo(length);
    }

    @ParameterizedTest(name = "requested {0} for {1}: {2}")
    @CsvSource({
        "2025-03-10T08:00:00Z, 2025-03-10, true",  // afterwards on the same day
        "2025-03-10T22:30:00Z, 2025-03-10, true",  // 23:30 local, still the same day
        "2025-03-10T23:30:00Z, 2025-03-10, false", // 00:30 local the next day
        "2025-03-10T08:00:00Z, 2025-03-09, false",
        "2025-03-10T08:00:00Z, 2025-03-11, true",
        "2025-12-31T23:30:00Z, 2025-12-31, false", // 2026-01-01 in Amsterdam
    })
    void mayBeRequestedForTodayOrLater(Instant requestedAt, LocalDate date, boolean allowed) {
        assertThat(RULES.mayRequest(requestedAt, date)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"2025-01-01, 2025", "2025-12-31, 2025", "2026-01-01, 2026"})
    void countsAgainstTheYearOfItsDate(LocalDate date, int year) {
        assertThat(RULES.countingYear(date)).isEqualTo(year);
    }

    @ParameterizedTest
    @CsvSource({"0, 12", "1, 11", "11, 1", "12, 0", "13, 0"})
    void twelvePerYear(int used, int remaining) {
        assertThat(RULES.remaining(used)).isEqualTo(remaining);
    }
}
