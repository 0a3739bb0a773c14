package nl.zes.gateway;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The roles of API.md; {@link #wire()} is the name in JSON, in the database and in the {@code zes-role} header. */
public enum Role {
  ADMIN, LOKET, MUNICIPALITY, REPORTING;

  private final String wire = name().toLowerCase(Locale.ROOT);

  public String wire() {
    return wire;
  }

  public static Optional<Role> fromWire(String value) {
    return Arrays.stream(values()).filter(role -> role.wire().equals(value)).findFirst();
  }
}
