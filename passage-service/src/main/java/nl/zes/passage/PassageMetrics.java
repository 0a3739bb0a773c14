package nl.zes.passage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters in Micrometer's global registry, which the gateway's {@code /metrics} exposes when both run in one
 * process: passages received, passages evaluated per verdict, and the evaluator's consumer lag.
 */
final class PassageMetrics {

  private final MeterRegistry registry;
  private final Counter received;
  private final Map<String, Counter> evaluated = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> LAG_BY_GROUP = new ConcurrentHashMap<>();
  private final AtomicLong lag;

  PassageMetrics(String consumerGroup) {
    this.registry = Metrics.globalRegistry;
    this.received = Counter.builder("zes.passages.received").description("Passages accepted (Kafka acknowledged)")
        .register(registry);
    // One gauge per group for the process's lifetime: a redeployed evaluator updates the same one.
    this.lag = LAG_BY_GROUP.computeIfAbsent(consumerGroup, group -> registry.gauge("zes.kafka.consumer.lag",
        Tags.of("group", group), new AtomicLong()));
  }

  void received(int count) {
    received.increment(count);
  }

  void evaluated(String verdict) {
    evaluated.computeIfAbsent(verdict, v -> Counter.builder("zes.passages.evaluated")
        .description("Passages evaluated, by verdict").tag("verdict", v).register(registry)).increment();
  }

  void lag(long records) {
    lag.set(records);
  }
}
