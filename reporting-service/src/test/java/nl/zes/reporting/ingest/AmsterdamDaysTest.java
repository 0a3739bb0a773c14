package nl.zes.reporting.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read timestamps give the day {@link OffsetDateTime#parse} gives, and reject what it rejects. */
class AmsterdamDaysTest {

  @Test
  void dayBoundariesAndDaylightSavingFollowEuropeAmsterdam() {
    assertThat(AmsterdamDays.of("2025-12-31T23:30:00Z")).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(AmsterdamDays.of("2025-12-31T22:59:59.999Z")).isEqualTo(LocalDate.of(2025, 12, 31));
    assertThat(AmsterdamDays.of("2026-07-01T22:00:00Z")).isEqualTo(LocalDate.of(2026, 7, 2));
    assertThat(AmsterdamDays.of("2026-07-01T21:59:59Z")).isEqualTo(LocalDate.of(2026, 7, 1));
    assertThat(AmsterdamDays.of("2026-03-12T12:00+01:00")).isEqualTo(LocalDate.of(2026, 3, 12));
    assertThat(AmsterdamDays.of("2026-03-12T00:10:00.123456789+05:30")).isEqualTo(LocalDate.of(2026, 3, 11));
  }

  @Test
  void agreesWithOffsetDateTimeParse() {
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      String text = OffsetDateTime.ofInstant(Instant.ofEpochSecond(1_500_000_000L + random.nextInt(400_000_000),
          random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0),
          ZoneOffset.ofTotalSeconds((random.nextInt(37) - 18) * 1800)).toString();
      assertThat(AmsterdamDays.of(text)).as(text)
          .isEqualTo(OffsetDateTime.parse(text).atZoneSameInstant(AmsterdamDays.AMSTERDAM).toLocalDate());
    }
    for (String odd : new String[] {"2026-03-12T12:00:00.Z", "2026-03-12T12:00:00+01", "2026-03-12T12:00:00+01:00:30"}) {
      assertThat(AmsterdamDays.of(odd)).as(odd)
          .isEqualTo(OffsetDateTime.parse(odd).atZoneSameInstant(AmsterdamDays.AMSTERDAM).toLocalDate());
    }
  }

  @Test
  void rejectsWhatIsNotATimestampWithOffset() {
    for (String bad : new String[] {"2026-02-30T12:00:00Z", "2026-03-12T24:00:00Z", "2026-03-12T12:00:00",
        "2026-03-12 12:00:00Z", "2026-03-12T12:00:00+19:00", "2026-03-12T12:00:60Z", "x", ""}) {
      assertThatThrownBy(() -> AmsterdamDays.of(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
    }
  }
}
