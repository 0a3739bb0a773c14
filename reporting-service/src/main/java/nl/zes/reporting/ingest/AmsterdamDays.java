package nl.zes.reporting.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRules;

/**
 * The Europe/Amsterdam day of an ISO-8601 timestamp with offset, the consumer's per-event cost: the common shapes
 * ({@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} then {@code Z} or {@code ±HH:MM}) are read by hand, anything else by
 * {@link OffsetDateTime#parse}, which also decides what is invalid. Both give the same day.
 */
final class AmsterdamDays {

  static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final ZoneRules RULES = AMSTERDAM.getRules();

  private AmsterdamDays() {
  }

  /** Throws {@link DateTimeParseException} when the text is not an ISO-8601 timestamp with offset. */
  static LocalDate of(String timestamp) {
    long epochSecond = fastEpochSecond(timestamp);
    if (epochSecond == Long.MIN_VALUE) {
      return OffsetDateTime.parse(timestamp).atZoneSameInstant(AMSTERDAM).toLocalDate();
    }
    int offset = RULES.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    return LocalDate.ofEpochDay(Math.floorDiv(epochSecond + offset, 86_400));
  }

  /** The instant's epoch second, or {@code Long.MIN_VALUE} when the text is not one of the shapes read by hand. */
  private static long fastEpochSecond(String s) {
    int n = s.length();
    if (n < 17 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, 17, 2);
      i = 19;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && Character.isDigit(s.charAt(i))) {
          i++;
        }
        if (i == start) {
          return Long.MIN_VALUE;
        }
      }
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59 || i >= n) {
      return Long.MIN_VALUE;
    }
    int offsetSeconds;
    char sign = s.charAt(i);
    if (sign == 'Z' && i + 1 == n) {
      offsetSeconds = 0;
    } else if ((sign == '+' || sign == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
        return Long.MIN_VALUE;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
    } else {
      return Long.MIN_VALUE;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
    return epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
