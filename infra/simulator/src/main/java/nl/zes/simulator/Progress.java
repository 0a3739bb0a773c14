package nl.zes.simulator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Running counts of one stage, printed at most once a second and once at the end. */
public final class Progress {

  private static final long INTERVAL_NANOS = 1_000_000_000L;

  private final Consumer<String> out;
  private final String stage;
  private final long total;
  private final String[] names;
  private final AtomicLong[] counts;
  private final long started = System.nanoTime();
  private final AtomicLong lastPrinted = new AtomicLong(started);

  /**
   * @param total expected number of the first count; 0 when unknown
   * @param names the counts, the first being the one that advances toward {@code total}
   */
  public Progress(Consumer<String> out, String stage, long total, String... names) {
    this.out = out;
    this.stage = stage;
    this.total = total;
    this.names = names;
    this.counts = new AtomicLong[names.length];
    for (int i = 0; i < names.length; i++) {
      counts[i] = new AtomicLong();
    }
  }

  public void add(int index, long delta) {
    counts[index].addAndGet(delta);
    long now = System.nanoTime();
    long last = lastPrinted.get();
    if (now - last >= INTERVAL_NANOS && lastPrinted.compareAndSet(last, now)) {
      out.accept(line(now));
    }
  }

  public long count(int index) {
    return counts[index].get();
  }

  /** Prints the final line. */
  public void done() {
    out.accept(line(System.nanoTime()) + " — done");
  }

  private String line(long now) {
    StringBuilder line = new StringBuilder(String.format("%-15s", stage));
    long first = counts[0].get();
    line.append(String.format("%,d", first));
    if (total > 0) {
      int width = 20;
      int filled = (int) Math.min(width, width * first / total);
      line.append(String.format(" / %,d [%s%s] %3d%%", total, "#".repeat(filled), ".".repeat(width - filled),
          Math.min(100, 100 * first / total)));
    }
    line.append(' ').append(names[0]);
    for (int i = 1; i < names.length; i++) {
      line.append(String.format(", %,d %s", counts[i].get(), names[i]));
    }
    double seconds = (now - started) / 1e9;
    line.append(String.format("  (%.1f s, %,.0f/s)", seconds, seconds > 0 ? first / seconds : 0.0));
    return line.toString();
  }
}
