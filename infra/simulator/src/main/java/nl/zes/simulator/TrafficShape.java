package nl.zes.simulator;

import java.time.DayOfWeek;
import java.util.Map;

/**
 * How much goods traffic each zone sees and how much of it the rules refuse. Utrecht's 140,000 van and truck
 * passages a month (DOMAIN.md §9) is the unit; the other weights and the refused shares are our reading of the
 * July 2025 fines per municipality and the letter's 99.49–99.97% compliance [assumed].
 */
final class TrafficShape {

  static final int UTRECHT_PASSAGES_PER_MONTH = 140_000;
  static final double FOREIGN_SHARE = 0.03;
  static final double MISREAD_SHARE = 0.003;
  static final double DUPLICATE_SHARE = 0.002;
  static final double CAR_SHARE = 0.02;
  static final double TRUCK_SHARE = 0.15;

  /** Per municipality: traffic relative to Utrecht, and the share of visits by a vehicle the rules refuse. */
  private record Profile(double weight, double refusedVisits) {
  }

  private static final Profile DEFAULT = new Profile(0.3, 0.002);
  private static final Map<String, Profile> PROFILES = Map.ofEntries(
      Map.entry("GM0363", new Profile(1.6, 0.0004)),  // Amsterdam: 147 fines in July 2025, a large zone
      Map.entry("GM0599", new Profile(2.4, 0.0060)),  // Rotterdam: 3,037
      Map.entry("GM0518", new Profile(1.6, 0.0045)),  // Den Haag: 1,279
      Map.entry("GM0344", new Profile(1.0, 0.0022)),  // Utrecht: 321
      Map.entry("GM0855", new Profile(0.8, 0.0055)),  // Tilburg: 996
      Map.entry("GM0307", new Profile(0.5, 0.0020)),
      Map.entry("GM0193", new Profile(0.5, 0.0035)),  // Zwolle: 365
      Map.entry("GM0935", new Profile(0.6, 0.0050)),  // Maastricht: 579
      Map.entry("GM0513", new Profile(0.2, 0.0020)),
      Map.entry("GM0546", new Profile(0.4, 0.0020)),
      Map.entry("GM0014", new Profile(0.6, 0.0030)),
      Map.entry("GM0796", new Profile(0.5, 0.0020)),
      Map.entry("GM0772", new Profile(0.8, 0.0020)),
      Map.entry("GM0268", new Profile(0.5, 0.0020)),
      Map.entry("GM0503", new Profile(0.3, 0.0015)),
      Map.entry("GM0106", new Profile(0.15, 0.0010)),
      Map.entry("GM0153", new Profile(0.4, 0.0020)),
      Map.entry("GM0394", new Profile(0.6, 0.0010)));

  /** Share of a day's passages per hour: night quiet, the morning delivery window busiest. */
  private static final double[] HOURS = {
      0.3, 0.2, 0.2, 0.3, 0.6, 1.5, 3.5, 6.5, 8.5, 9.0, 8.5, 7.5,
      6.5, 6.5, 6.5, 6.0, 5.5, 4.5, 3.0, 2.0, 1.5, 1.0, 0.8, 0.5};
  private static final double[] HOUR_CUMULATIVE = cumulative(HOURS);

  private TrafficShape() {
  }

  static double weight(String municipality) {
    return PROFILES.getOrDefault(municipality, DEFAULT).weight();
  }

  static double refusedVisits(String municipality) {
    return PROFILES.getOrDefault(municipality, DEFAULT).refusedVisits();
  }

  /** Traffic on a day of the week relative to an average weekday. */
  static double dayWeight(DayOfWeek day) {
    return switch (day) {
      case SATURDAY -> 0.55;
      case SUNDAY -> 0.25;
      default -> 1.0;
    };
  }

  /** An hour of the day drawn by the daily profile, from a uniform number in [0, 1). */
  static int hour(double uniform) {
    for (int h = 0; h < HOUR_CUMULATIVE.length; h++) {
      if (uniform < HOUR_CUMULATIVE[h]) {
        return h;
      }
    }
    return 23;
  }

  private static double[] cumulative(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum / total;
    }
    return cumulative;
  }
}
