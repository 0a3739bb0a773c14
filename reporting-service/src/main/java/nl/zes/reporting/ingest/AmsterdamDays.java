package nl.zes.reporting.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRules;
import nl.zes.common.Timestamps;

/**
 * The Europe/Amsterdam day of an ISO-8601 timestamp with offset, the consumer's per-event cost: read by
 * {@link Timestamps} (the common shapes by hand, anything else by the ISO formatter, which also decides what is
 * invalid), then shifted by the zone's offset at that instant without building a zoned date-time.
 */
final class AmsterdamDays {

  static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final ZoneRules RULES = AMSTERDAM.getRules();

  private AmsterdamDays() {
  }

  /** Throws {@link DateTimeParseException} when the text is not an ISO-8601 timestamp with offset. */
  static LocalDate of(String timestamp) {
    long epochSecond = Timestamps.parse(timestamp).toEpochSecond();
    int offset = RULES.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    return LocalDate.ofEpochDay(Math.floorDiv(epochSecond + offset, 86_400));
  }
}
