package nl.zes.simulator;

import java.time.LocalDate;

/**
 * How much the demo loads.
 *
 * @param seed              everything generated follows from it
 * @param vehicles          register size (vans, trucks and cars in the country's proportions)
 * @param applicationScale  1.0 gives the letter's 6,035 applications since 2024-07-01
 * @param dayExemptionScale 1.0 gives our estimate of the real number per month
 * @param passageScale      1.0 gives real volumes (Utrecht about 140,000 a month)
 * @param from              first day of passages
 * @param to                last day of passages (inclusive)
 * @param concurrency       requests in flight
 */
public record DemoSizes(long seed, int vehicles, double applicationScale, double dayExemptionScale,
    double passageScale, LocalDate from, LocalDate to, int concurrency) {

  /**
   * What {@code ./zes up --demo} loads: a 60,000-vehicle register, the Loket's history at the letter's scale,
   * half the day exemptions, and November–December 2025 at a twentieth of real traffic (about 190,000
   * passages) — a few minutes on a 2-core machine.
   */
  public static DemoSizes standard() {
    return new DemoSizes(20_251_231L, 60_000, 1.0, 0.5, 0.05,
        LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 31), 8);
  }

  public DemoSizes withVehicles(int count) {
    return new DemoSizes(seed, count, applicationScale, dayExemptionScale, passageScale, from, to, concurrency);
  }

  public DemoSizes withScales(double applications, double dayExemptions, double passages) {
    return new DemoSizes(seed, vehicles, applications, dayExemptions, passages, from, to, concurrency);
  }
}
