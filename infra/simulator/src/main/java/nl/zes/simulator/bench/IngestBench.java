package nl.zes.simulator.bench;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import nl.zes.common.bus.Topics;
import nl.zes.simulator.Municipality;
import nl.zes.simulator.PassageGenerator;
import nl.zes.simulator.ZesClient;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end ingestion: simulated passages in HTTP batches of 1,000 to {@code POST /passages}, each
 * municipality with its own key, {@code --concurrency} batches in flight (optionally paced to {@code --rate}
 * passages/s); the end is when {@code zes.passages.evaluated.v1} has a verdict for every accepted passage
 * (counted by a plain Kafka consumer, when {@code --kafka} is given). Prints HTTP and end-to-end rates, batch
 * latency percentiles, and the ratio to {@code --baseline-rate} (Kafka's raw producer rate, measured by the
 * script in the same run).
 */
public final class IngestBench {

  private IngestBench() {
  }

  /** Accepted passages, seconds of posting, seconds until every verdict was published (NaN without Kafka). */
  public record Result(long accepted, double postSeconds, double endToEndSeconds, Histogram batchLatency) {
  }

  /**
   * @param from first day of the simulated passages; a second run on the same ZES needs other days, since
   *             passage ids are made of zone, day and sequence and would otherwise be duplicates
   */
  public static Result run(String baseUrl, String adminKey, long passages, int vehicles, int concurrency,
      double rate, String kafka, double drainSeconds, LocalDate from) throws Exception {
    BenchSetup setup = BenchSetup.prepare(baseUrl, adminKey, vehicles, 1, System.out::println);
    LocalDate to = from.plusDays(27);
    PassageGenerator unit = new PassageGenerator(1, setup.fleet(), 1.0, PassageGenerator.MAX_BATCH);
    long atScaleOne = setup.municipalities().stream().mapToLong(m -> unit.expected(m, from, to)).sum();
    PassageGenerator traffic = new PassageGenerator(1, setup.fleet(), passages * 1.05 / atScaleOne,
        PassageGenerator.MAX_BATCH);
    List<PassageGenerator.PassageStream> streams = new ArrayList<>();
    for (Municipality m : setup.municipalities()) {
      if (traffic.expected(m, from, to) > 0) {
        streams.add(traffic.stream(m, from, to));
      }
    }
    try (Verdicts verdicts = kafka == null ? null : new Verdicts(kafka)) {
      Histogram latency = Latency.histogram();
      AtomicLong accepted = new AtomicLong();
      AtomicLong sent = new AtomicLong();
      long start = System.nanoTime();
      int[] turn = {0};
      ZesClient.bounded(concurrency, () -> {
        while (sent.get() < passages && !streams.isEmpty()) {
          int at = turn[0]++ % streams.size();
          PassageGenerator.PassageStream stream = streams.get(at);
          if (!stream.hasNext()) {
            streams.remove(at);
            continue;
          }
          JsonObject batch = stream.next();
          int size = batch.getJsonArray("passages").size();
          if (rate > 0) {
            pace(start, sent.get(), rate);
          }
          sent.addAndGet(size);
          CompletableFuture<ZesClient.Response> posted = setup.client().postJson("/passages",
              setup.municipalityKeys().get(stream.municipality().code()), batch);
          return posted.thenAccept(r -> {
            synchronized (latency) {
              latency.recordValue(r.nanos());
            }
            if (r.status() != 202) {
              throw new IllegalStateException("POST /passages answered " + r.status());
            }
            accepted.addAndGet(r.json().getLong("accepted", 0L));
          });
        }
        return null;
      });
      double postSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("posted %,d passages (%,d accepted) in %.1f s = %,.0f passages/s over HTTP; batch of 1,000: %s%n",
          sent.get(), accepted.get(), postSeconds, accepted.get() / postSeconds, Latency.summary(latency));
      double endToEnd = Double.NaN;
      if (verdicts != null) {
        long done = verdicts.awaitCount(accepted.get(), Duration.ofMillis((long) (drainSeconds * 1000)));
        endToEnd = (verdicts.lastAt() - start) / 1e9;
        System.out.printf("verdicts published: %,d of %,d; end to end %.1f s = %,.0f passages/s%n", done,
            accepted.get(), endToEnd, done / endToEnd);
      }
      return new Result(accepted.get(), postSeconds, endToEnd, latency);
    }
  }

  /** Waits until {@code sent} passages are due at {@code rate} per second since {@code start}. */
  private static void pace(long start, long sent, double rate) {
    long due = start + (long) (sent / rate * 1e9);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Counts records on the evaluated topic from its end at start. */
  private static final class Verdicts implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread poller;
    private final AtomicLong count = new AtomicLong();
    private volatile long lastAt = System.nanoTime();
    private volatile boolean running = true;

    Verdicts(String bootstrap) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
      consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.PASSAGES_EVALUATED, Duration.ofSeconds(30))
          .stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      poller = new Thread(() -> {
        while (running) {
          int n = consumer.poll(Duration.ofMillis(200)).count();
          if (n > 0) {
            count.addAndGet(n);
            lastAt = System.nanoTime();
          }
        }
      }, "verdict-counter");
      poller.start();
    }

    long awaitCount(long wanted, Duration bound) throws InterruptedException {
      long deadline = System.nanoTime() + bound.toNanos();
      while (count.get() < wanted && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      return count.get();
    }

    long lastAt() {
      return lastAt;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      poller.join(5_000);
      consumer.close();
    }
  }

  public static void main(String[] arguments) throws Exception {
    Args args = new Args(arguments);
    Result result = run(args.required("url"), args.required("admin-key"), args.integer("passages", 1_000_000),
        args.integer("vehicles", 100_000), args.integer("concurrency", 8), args.decimal("rate", 0),
        args.string("kafka", null), args.decimal("drain-seconds", 300),
        LocalDate.parse(args.string("from", "2025-11-03")));
    double baseline = args.decimal("baseline-rate", 0);
    double rate = Double.isNaN(result.endToEndSeconds()) ? result.accepted() / result.postSeconds()
        : result.accepted() / result.endToEndSeconds();
    System.out.printf("RESULT ingest accepted=%d e2e_rate=%.0f http_rate=%.0f p99_batch_ms=%.1f%n",
        result.accepted(), rate, result.accepted() / result.postSeconds(), Latency.ms(result.batchLatency(), 99));
    if (baseline > 0) {
      System.out.printf("RESULT ingest vs kafka producer (200-byte records): %,.0f / %,.0f = %.3f%n", rate, baseline,
          rate / baseline);
    }
  }
}
