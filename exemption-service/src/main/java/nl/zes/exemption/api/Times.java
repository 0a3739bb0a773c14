package nl.zes.exemption.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import nl.zes.exemption.domain.Amsterdam;

/** How moments and dates are written in answers and events: ISO-8601 with the Amsterdam offset of the moment. */
public final class Times {

  private static final DateTimeFormatter MOMENT = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(Amsterdam.ZONE);

  private Times() {
  }

  public static String moment(Instant instant) {
    return instant == null ? null : MOMENT.format(instant);
  }

  /** A moment as it was given, with its own offset, seconds always written. */
  public static String moment(OffsetDateTime moment) {
    return moment == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment);
  }

  public static String date(LocalDate date) {
    return date == null ? null : date.toString();
  }
}
