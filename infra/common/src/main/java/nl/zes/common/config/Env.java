package nl.zes.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Typed reads of environment variables, the one place where configuration is parsed. Each failure names
 * the variable and what was wrong with it.
 */
public final class Env {

  private final Map<String, String> values;

  public Env(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Env of(Map<String, String> values) {
    return new Env(values);
  }

  public String string(String name, String fallback) {
    String value = values.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  public String required(String name) {
    String value = string(name, null);
    if (value == null) {
      throw new ConfigException(name + " is required but not set");
    }
    return value;
  }

  public int integer(String name, int fallback, int min, int max) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", got '" + value + "'");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be an integer, got '" + value + "'");
    }
  }

  public int port(String name, int fallback) {
    return integer(name, fallback, 1, 65535);
  }

  /** An ISO-8601 duration ({@code PT72H}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 72h}, {@code 30d}. */
  public Duration duration(String name, Duration fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      if (value.startsWith("P") || value.startsWith("p")) {
        return Duration.parse(value.toUpperCase());
      }
      var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(value);
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      // falls through to the error below
    }
    throw new ConfigException(name + " must be a duration such as 30s, 15m, 72h or PT72H, got '" + value + "'");
  }

  public boolean bool(String name, boolean fallback) {
    String value = string(name, null);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
    };
  }
}
