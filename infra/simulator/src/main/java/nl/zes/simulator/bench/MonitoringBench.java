package nl.zes.simulator.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import nl.zes.common.bus.Topics;
import nl.zes.common.messages.ExemptionChanged;
import nl.zes.common.messages.PassageEvaluated;
import nl.zes.simulator.Municipality;
import nl.zes.simulator.ZesClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The reporting-service at full roll-up size (issue 5): a whole simulated year of evaluated passages for 30
 * municipalities, published straight onto {@code zes.passages.evaluated.v1} (plus a year of the Loket's
 * exemption changes on {@code zes.exemptions.changed.v1}) and counted by the service's own consumer. Every
 * municipality × day gets every roll-up cell a year of enforcement produces (the verdict × basis × rule × vehicle
 * kind × foreign combinations of DOMAIN.md §3/§7), each with at least one event and on average
 * {@code --events-per-day} events per municipality-day shared out by a realistic mix. So the roll-up tables hold
 * their full row count; the counts in them are a small fraction of real traffic (which does not change what a
 * report reads).
 *
 * <p>Measures (1) the consumer: events published as fast as Kafka takes them, time from the first publish until
 * the offsets stored with the roll-ups (same transaction) reach the topic's end, and checks that the roll-ups
 * hold exactly the events published; (2) {@code GET /api/v1/reports/monitoring} for random two-month periods of
 * the year, sequential on one connection (HdrHistogram), beside {@code GET /health/live} on the same gateway and
 * client.
 */
public final class MonitoringBench {

  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final String SCHEMA = "reporting";

  /** One roll-up cell; a violation's verdict is WARNING or FINE by the day. */
  private record Cell(String verdict, String basis, String rule, String kind, String country, double weight) {
  }

  private static final List<Cell> CELLS = List.of(
      new Cell("ALLOWED", "ZERO_EMISSION", "ZERO_EMISSION", "VAN", "NL", 180),
      new Cell("ALLOWED", "VRIJSTELLING", "VRIJSTELLING", "VAN", "NL", 4),
      new Cell("ALLOWED", "TRANSITION", "VAN_EK5", "VAN", "NL", 130),
      new Cell("ALLOWED", "TRANSITION", "VAN_EK6", "VAN", "NL", 420),
      new Cell("ALLOWED", "EXEMPTION", "EXEMPTION", "VAN", "NL", 20),
      new Cell("ALLOWED", "DAY_EXEMPTION", "DAY_EXEMPTION", "VAN", "NL", 10),
      new Cell("VIOLATION", "NONE", "VAN_OLD", "VAN", "NL", 2),
      new Cell("VIOLATION", "NONE", "NEW_2025", "VAN", "NL", 1),
      new Cell("REPEAT", "NONE", "VAN_OLD", "VAN", "NL", 2),
      new Cell("REPEAT", "NONE", "NEW_2025", "VAN", "NL", 1),
      new Cell("ALLOWED", "ZERO_EMISSION", "ZERO_EMISSION", "TRUCK", "NL", 15),
      new Cell("ALLOWED", "VRIJSTELLING", "VRIJSTELLING", "TRUCK", "NL", 3),
      new Cell("ALLOWED", "TRANSITION", "TRACTOR_EK6", "TRUCK", "NL", 40),
      new Cell("ALLOWED", "TRANSITION", "RIGID_EK6", "TRUCK", "NL", 25),
      new Cell("ALLOWED", "TRANSITION", "RIGID_EK6_OLD", "TRUCK", "NL", 10),
      new Cell("ALLOWED", "EXEMPTION", "EXEMPTION", "TRUCK", "NL", 5),
      new Cell("ALLOWED", "DAY_EXEMPTION", "DAY_EXEMPTION", "TRUCK", "NL", 3),
      new Cell("VIOLATION", "NONE", "TRUCK_OLD", "TRUCK", "NL", 1),
      new Cell("VIOLATION", "NONE", "NEW_2025", "TRUCK", "NL", 1),
      new Cell("REPEAT", "NONE", "TRUCK_OLD", "TRUCK", "NL", 1),
      new Cell("REPEAT", "NONE", "NEW_2025", "TRUCK", "NL", 1),
      new Cell("ALLOWED", "NOT_IN_SCOPE", "NOT_IN_SCOPE", "OTHER", "NL", 33),
      new Cell("NOT_ENFORCEABLE", "FOREIGN_NOT_ENFORCEABLE", "FOREIGN", null, "DE", 30),
      new Cell("UNRESOLVED", "UNRESOLVED", "UNRESOLVED", null, "NL", 10));

  /** Seven more real municipalities (CBS codes), so that the year has 30 zones as the issue asks. */
  private static final String[][] EXTRA = {{"GM0034", "Almere"}, {"GM0150", "Deventer"}, {"GM0080", "Leeuwarden"},
      {"GM0828", "Oss"}, {"GM0479", "Zaanstad"}, {"GM0484", "Alphen aan den Rijn"}, {"GM0632", "Woerden"}};

  private static final List<String> TYPES = List.of("PRIVATE_USE", "DISABILITY_ADAPTED", "SPECIAL_VEHICLE",
      "NOT_AVAILABLE_ZERO_EMISSION", "DELIVERY_TIME", "BUSINESS_ECONOMIC", "HARDSHIP", "GRID_CONGESTION");

  private MonitoringBench() {
  }

  public static void main(String[] arguments) throws Exception {
    Args args = new Args(arguments);
    String url = args.required("url").replaceAll("/+$", "");
    String adminKey = args.required("admin-key");
    int year = args.integer("year", 2026);
    int perDay = args.integer("events-per-day", 200);
    int municipalityCount = args.integer("municipalities", 30);
    ZesClient client = new ZesClient(url);
    if (!client.awaitReady(Duration.ofMinutes(2))) {
      throw new IllegalStateException("ZES at " + url + " is not ready");
    }
    List<Municipality> municipalities = withExtra(client, adminKey, municipalityCount);
    String reportingKey = client.createKey(adminKey, "reporting", null, "bench reporting");
    Vertx vertx = Vertx.vertx();
    Pool pg = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(new PgConnectOptions()
        .setHost("127.0.0.1").setPort(args.integer("pg-port", 25432)).setDatabase(args.string("pg-database", "zes"))
        .setUser(args.string("pg-user", "zes"))).using(vertx).build();
    // Closed also on failure: Vert.x's threads would otherwise keep the JVM (and the bench) waiting.
    try (KafkaProducer<String, String> producer = producer(args.required("kafka"))) {
      long exemptionEvents = publishExemptions(producer, municipalities, year, args.integer("applications", 6_035),
          args.integer("day-exemptions", 50_000));
      System.out.printf("published %,d exemption changes for %d%n", exemptionEvents, year);
      consume(producer, pg, municipalities, year, perDay);
      int requests = args.integer("requests", 1_000);
      int seed = args.integer("seed", 5);
      latency("fresh", url, reportingKey, year, requests, seed);
      settle(pg);
      latency("monitoring", url, reportingKey, year, requests, seed);
    } finally {
      pg.close().await();
      vertx.close().await();
    }
  }

  /** The seeded municipalities and, up to {@code count}, the extra ones added by {@code PUT /municipalities}. */
  private static List<Municipality> withExtra(ZesClient client, String adminKey, int count) {
    List<Municipality> known = client.municipalities(adminKey);
    for (int i = 0; known.size() + i < count && i < EXTRA.length; i++) {
      JsonObject body = new JsonObject().put("code", EXTRA[i][0]).put("name", EXTRA[i][1])
          .put("zones", new JsonArray().add(new JsonObject().put("id", EXTRA[i][1].toLowerCase().replace(' ', '-'))
              .put("name", "Centrum").put("start", "2025-01-01")))
          .put("enforcementStart", "2025-07-01");
      ZesClient.Response r = client.send("PUT", "/municipalities/" + EXTRA[i][0], adminKey, "application/json",
          () -> BodyPublishers.ofString(body.encode()), Duration.ofSeconds(30)).join();
      if (!r.ok()) {
        throw new IllegalStateException("PUT /municipalities/" + EXTRA[i][0] + " answered " + r.status());
      }
    }
    List<Municipality> all = client.municipalities(adminKey);
    return all.subList(0, Math.min(count, all.size()));
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L << 20));
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Applications (submitted, then most decided: two versions) and day exemptions spread over the year. */
  private static long publishExemptions(KafkaProducer<String, String> producer, List<Municipality> municipalities,
      int year, int applications, int dayExemptions) throws Exception {
    Random random = new Random(7);
    LocalDate first = LocalDate.of(year, 1, 1);
    int days = first.lengthOfYear();
    long sent = 0;
    List<Future<?>> acks = new ArrayList<>();
    for (int i = 0; i < applications; i++) {
      String id = "bench-ex-" + i;
      String type = TYPES.get(random.nextInt(TYPES.size()));
      boolean local = type.equals("HARDSHIP") || (type.equals("BUSINESS_ECONOMIC") && year < 2026);
      JsonArray codes = local ? new JsonArray().add(municipalities.get(random.nextInt(municipalities.size())).code())
          : null;
      String submitted = first.plusDays(random.nextInt(days)).atTime(10, 0).atZone(AMSTERDAM).toOffsetDateTime()
          .toString();
      int roll = random.nextInt(100);
      String decided = roll < 88 ? "GRANTED" : roll < 96 ? "SET_ASIDE" : roll < 98 ? "REJECTED" : null;
      acks.add(send(producer, Topics.EXEMPTIONS_CHANGED, id, new ExemptionChanged("EXEMPTION", id, 1, null, type,
          local ? "LOCAL" : "NATIONAL", codes, "PENDING", submitted, null, null, null, null, null, submitted)));
      sent++;
      if (decided != null) {
        acks.add(send(producer, Topics.EXEMPTIONS_CHANGED, id, new ExemptionChanged("EXEMPTION", id, 2, null, type,
            local ? "LOCAL" : "NATIONAL", codes, decided, submitted, submitted, null, null, null, null, submitted)));
        sent++;
      }
    }
    for (int i = 0; i < dayExemptions; i++) {
      String id = "bench-day-" + i;
      LocalDate day = first.plusDays(random.nextInt(days));
      acks.add(send(producer, Topics.EXEMPTIONS_CHANGED, id, new ExemptionChanged("DAY_EXEMPTION", id, 1, null, null,
          null, null, null, null, null, null, null, municipalities.get(random.nextInt(municipalities.size())).code(),
          day.toString(), day.toString() + "T08:00:00+01:00")));
      sent++;
    }
    producer.flush();
    for (Future<?> ack : acks) {
      ack.get();
    }
    return sent;
  }

  private static Future<?> send(KafkaProducer<String, String> producer, String topic, String key,
      ExemptionChanged event) {
    return producer.send(new ProducerRecord<>(topic, key, event.toJson().encode()));
  }

  /**
   * Publishes the year of evaluated passages day by day (each day's events shuffled over municipalities and
   * cells, as a day's stream is), then waits until the offsets stored with the roll-ups reach the topic's end.
   */
  private static void consume(KafkaProducer<String, String> producer, Pool pg, List<Municipality> municipalities,
      int year, int perDay) throws Exception {
    double totalWeight = CELLS.stream().mapToDouble(Cell::weight).sum();
    int[] perCell = CELLS.stream().mapToInt(c -> (int) Math.max(1, Math.round(c.weight() / totalWeight * perDay)))
        .toArray();
    long storedBefore = storedOffsets(pg);
    Random random = new Random(11);
    LocalDate first = LocalDate.of(year, 1, 1);
    LocalDate last = LocalDate.of(year, 12, 31);
    long events = 0;
    long cells = 0;
    Sampler sampler = new Sampler(pg, storedBefore);
    long start = System.nanoTime();
    sampler.start(start);
    List<ProducerRecord<String, String>> day = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      String timestamp = d.atTime(12, 0).atZone(AMSTERDAM).toOffsetDateTime().toString();
      String compact = d.toString().replace("-", "");
      day.clear();
      for (Municipality m : municipalities) {
        boolean fines = m.enforcementStart() != null && !d.isBefore(m.enforcementStart());
        int sequence = 0;
        for (int c = 0; c < CELLS.size(); c++) {
          Cell cell = CELLS.get(c);
          String verdict = cell.verdict().equals("VIOLATION") ? (fines ? "FINE" : "WARNING") : cell.verdict();
          Integer fine = verdict.equals("FINE") ? (cell.kind().equals("TRUCK") ? 310 : 120) : null;
          cells++;
          for (int i = 0; i < perCell[c]; i++) {
            String id = m.code() + "-" + compact + "-" + sequence++;
            PassageEvaluated event = new PassageEvaluated(id, m.code(), m.code().toLowerCase(), timestamp, verdict,
                cell.basis(), cell.rule(), cell.kind(), cell.country(), null, fine);
            day.add(new ProducerRecord<>(Topics.PASSAGES_EVALUATED, id, event.toJson().encode()));
          }
        }
      }
      Collections.shuffle(day, random);
      day.forEach(producer::send);
      events += day.size();
    }
    producer.flush();
    double published = (System.nanoTime() - start) / 1e9;
    System.out.printf("published %,d evaluated passages (%,d roll-up cells: %d municipalities × %d days × %d) in "
        + "%.1f s = %,.0f events/s%n", events, cells, municipalities.size(), first.lengthOfYear(), CELLS.size(),
        published, events / published);
    long wanted = storedBefore + events;
    double seconds = sampler.awaitStored(wanted, Duration.ofMinutes(30));
    Row rollup = pg.query("SELECT count(*) AS n, coalesce(sum(passages), 0) AS passages FROM " + SCHEMA
        + ".passage_rollup").execute().await().iterator().next();
    Row exemptions = pg.query("SELECT (SELECT count(*) FROM " + SCHEMA + ".exemption_application) AS a, (SELECT count(*) FROM "
        + SCHEMA + ".day_exemption) AS d").execute().await().iterator().next();
    System.out.printf("roll-ups: passage_rollup %,d rows holding %,d passages (published %,d: %s); "
            + "exemption_application %,d rows, day_exemption %,d rows%n", rollup.getLong("n"),
        rollup.getLong("passages"), events, rollup.getLong("passages") == events ? "exact" : "MISMATCH",
        exemptions.getLong("a"), exemptions.getLong("d"));
    System.out.println(sampler.steady());
    System.out.printf("RESULT consumer events=%d seconds=%.1f rate=%.0f steady_rate=%.0f publish_rate=%.0f "
            + "rollup_rows=%d exact=%s%n", events, seconds, events / seconds, sampler.steadyRate(), events / published,
        rollup.getLong("n"), rollup.getLong("passages") == events);
  }

  private static long storedOffsets(Pool pg) {
    Row row = pg.preparedQuery("SELECT coalesce(sum(next_offset), 0) AS n FROM " + SCHEMA
        + ".consumer_offset WHERE topic = $1").execute(Tuple.of(Topics.PASSAGES_EVALUATED)).await().iterator().next();
    return row.getLong("n");
  }

  /** Polls the stored offsets every 250 ms; the rate between 10% and 90% of the events is the steady rate. */
  private static final class Sampler {
    private final Pool pg;
    private final long before;
    private final List<long[]> samples = new ArrayList<>();
    private long start;

    Sampler(Pool pg, long before) {
      this.pg = pg;
      this.before = before;
    }

    void start(long startNanos) {
      this.start = startNanos;
    }

    /** Seconds from the first publish until the stored offsets reach {@code wanted}. */
    double awaitStored(long wanted, Duration bound) throws InterruptedException {
      long deadline = System.nanoTime() + bound.toNanos();
      long lastPrint = 0;
      while (System.nanoTime() < deadline) {
        long stored = storedOffsets(pg);
        long now = System.nanoTime();
        samples.add(new long[] {now, stored - before});
        if (now - lastPrint > 10_000_000_000L) {
          System.out.printf("  consumer: %,d of %,d after %.0f s%n", stored - before, wanted - before,
              (now - start) / 1e9);
          lastPrint = now;
        }
        if (stored >= wanted) {
          return (now - start) / 1e9;
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException("the roll-ups did not catch up within " + bound);
    }

    double steadyRate() {
      long total = samples.get(samples.size() - 1)[1];
      long[] from = samples.stream().filter(s -> s[1] >= total / 10).findFirst().orElseThrow();
      long[] to = samples.stream().filter(s -> s[1] >= total * 9 / 10).findFirst().orElseThrow();
      return to[0] == from[0] ? Double.NaN : (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
    }

    String steady() {
      return String.format("consumer steady rate (10%%..90%% of the events): %,.0f events/s", steadyRate());
    }
  }

  /**
   * Lets PostgreSQL settle as it is after a year in service rather than a minute after taking a year's roll-ups:
   * the checkpoint and the autovacuum/analyze that the load set off would otherwise run during the latency run
   * (both runs are printed: {@code fresh} before, {@code monitoring} after).
   */
  private static void settle(Pool pg) {
    long start = System.nanoTime();
    pg.query("VACUUM (ANALYZE)").execute().await();
    pg.query("CHECKPOINT").execute().await();
    System.out.printf("settled PostgreSQL (VACUUM (ANALYZE), CHECKPOINT) in %.1f s%n",
        (System.nanoTime() - start) / 1e9);
  }

  /** Sequential requests of random two-month periods, beside the gateway's liveness probe. */
  private static void latency(String label, String url, String key, int year, int requests, int seed)
      throws Exception {
    Random random = new Random(seed);
    LocalDate first = LocalDate.of(year, 1, 1);
    List<String> periods = new ArrayList<>();
    while (periods.size() < requests) {
      LocalDate from = first.plusDays(random.nextInt(first.lengthOfYear()));
      LocalDate to = from.plusMonths(2).minusDays(1);
      if (to.getYear() == year) {
        periods.add("from=" + from + "&to=" + to);
      }
    }
    HttpLoad.Result health = HttpLoad.run(url + "/health/live", null, List.of(), 1, 2, 600, requests);
    HttpLoad.Result monitoring = HttpLoad.run(url + "/api/v1/reports/monitoring?{plate}", key, periods, 1, 2, 600,
        requests);
    HttpLoad.Result wholeYear = HttpLoad.run(url + "/api/v1/reports/monitoring?from=" + year + "-01-01&to=" + year
        + "-12-31", key, List.of(), 1, 2, 600, Math.max(1, requests / 10));
    System.out.println(label + ": baseline GET /health/live:                " + health);
    System.out.println(label + ": GET /reports/monitoring, random 2 months: " + monitoring);
    System.out.println(label + ": GET /reports/monitoring, the whole year:  " + wholeYear);
    System.out.printf("RESULT " + label + " two_months_p50=%.2f p99=%.2f p999=%.2f ms errors=%d; year_p99=%.2f ms; "
            + "baseline_p50=%.2f baseline_p99=%.2f baseline_p999=%.2f ms; ratio_p99=%.1f%n",
        Latency.ms(monitoring.latency(), 50), Latency.ms(monitoring.latency(), 99),
        Latency.ms(monitoring.latency(), 99.9), monitoring.errors(), Latency.ms(wholeYear.latency(), 99),
        Latency.ms(health.latency(), 50), Latency.ms(health.latency(), 99), Latency.ms(health.latency(), 99.9),
        Latency.ms(monitoring.latency(), 99) / Latency.ms(health.latency(), 99));
  }
}
