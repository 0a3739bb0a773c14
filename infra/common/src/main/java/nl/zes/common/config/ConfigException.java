package nl.zes.common.config;

/** A missing or malformed configuration value; the message names the variable and is fit to print alone. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
