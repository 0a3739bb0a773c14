package nl.zes.simulator.bench;

import org.HdrHistogram.Histogram;

/** HdrHistogram percentiles in milliseconds, one line. */
final class Latency {

  private Latency() {
  }

  static Histogram histogram() {
    return new Histogram(60_000_000_000L, 3);
  }

  static String summary(Histogram nanos) {
    return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
        ms(nanos, 50), ms(nanos, 90), ms(nanos, 99), ms(nanos, 99.9), nanos.getMaxValue() / 1e6);
  }

  static double ms(Histogram nanos, double percentile) {
    return nanos.getValueAtPercentile(percentile) / 1e6;
  }
}
