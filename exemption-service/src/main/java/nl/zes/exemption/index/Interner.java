package nl.zes.exemption.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zes.exemption.domain.Vehicle;

/**
 * Shares the values that millions of vehicles repeat (categories, fuel lists, code sets, dates, masses), so
 * that a vehicle in the index costs little more than its own object and plate. Not thread-safe.
 */
final class Interner {

  private final Map<Object, Object> canonical = new HashMap<>();

  Vehicle intern(Vehicle v) {
    return new Vehicle(v.plate(), share(v.category()), v.kind(), v.tractorUnit(), share(List.copyOf(v.fuels())),
        v.emissionClass(), share(v.firstAdmission()), share(v.firstRegistrationNl()), share(Set.copyOf(v.bodyCodes())),
        share(Set.copyOf(v.remarkCodes())), share(v.maximumMassKg()));
  }

  @SuppressWarnings("unchecked")
  private <T> T share(T value) {
    if (value == null) {
      return null;
    }
    return (T) canonical.computeIfAbsent(value, k -> k);
  }
}
