package nl.zes.simulator.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.zes.simulator.ApplicationGenerator;
import nl.zes.simulator.Demo;
import nl.zes.simulator.Municipality;
import nl.zes.simulator.PassageGenerator;
import nl.zes.simulator.ZesClient;

/**
 * Report latency over a simulated year: loads a year of passages for every municipality (at {@code --scale} of
 * real volume; the roll-ups have a row per municipality, day, verdict, rule and kind however small the scale),
 * the Loket's history ({@code --history-scale}), waits until the compliance report stops changing, then times {@code --requests}
 * sequential requests of the year's monitoring bundle and of one month's compliance, beside {@code
 * GET /health/live} on the same gateway as the baseline.
 */
public final class ReportBench {

  private ReportBench() {
  }

  public static void main(String[] arguments) throws Exception {
    Args args = new Args(arguments);
    String url = args.required("url");
    int year = args.integer("year", 2025);
    BenchSetup setup = BenchSetup.prepare(url, args.required("admin-key"), args.integer("vehicles", 50_000), 1,
        System.out::println);
    load(setup, args.required("admin-key"), year, args.decimal("scale", 0.02), args.decimal("history-scale", 1.0),
        args.integer("concurrency", 8));
    settle(setup, url, year, Duration.ofSeconds(args.integer("settle-seconds", 300)));

    int requests = args.integer("requests", 200);
    String base = url.replaceAll("/+$", "");
    HttpLoad.Result health = HttpLoad.run(base + "/health/live", null, List.of(), 1, 1, 600, requests);
    HttpLoad.Result monitoring = HttpLoad.run(base + "/api/v1/reports/monitoring?from=" + year + "-01-01&to="
        + year + "-12-31", setup.reportingKey(), List.of(), 1, 1, 600, requests);
    HttpLoad.Result month = HttpLoad.run(base + "/api/v1/reports/compliance?from=" + year + "-11-01&to=" + year
        + "-11-30", setup.reportingKey(), List.of(), 1, 1, 600, requests);
    System.out.println("baseline GET /health/live:           " + health);
    System.out.println("GET /reports/monitoring (a year):    " + monitoring);
    System.out.println("GET /reports/compliance (a month):   " + month);
    System.out.printf("RESULT report monitoring_year_p50=%.2f p99=%.2f ms; compliance_month_p99=%.2f ms; "
            + "baseline_p99=%.2f ms; ratio_p99=%.1f%n",
        Latency.ms(monitoring.latency(), 50), Latency.ms(monitoring.latency(), 99), Latency.ms(month.latency(), 99),
        Latency.ms(health.latency(), 99), Latency.ms(monitoring.latency(), 99) / Latency.ms(health.latency(), 99));
  }

  static void load(BenchSetup setup, String adminKey, int year, double scale, double historyScale,
      int concurrency) {
    ZesClient client = setup.client();
    String loketKey = client.createKey(adminKey, "loket", null, "bench loket");
    ApplicationGenerator loket = new ApplicationGenerator(1, setup.fleet(), setup.municipalities());
    client.postApplications(loketKey, loket.applications(historyScale), concurrency, System.out::println);
    client.postDayExemptions(loketKey, loket.dayExemptions(historyScale), concurrency, System.out::println);
    LocalDate from = LocalDate.of(year, 1, 1);
    LocalDate to = LocalDate.of(year, 12, 31);
    PassageGenerator traffic = new PassageGenerator(1, setup.fleet(), scale, PassageGenerator.MAX_BATCH);
    List<PassageGenerator.PassageStream> streams = new ArrayList<>();
    long expected = 0;
    for (Municipality m : setup.municipalities()) {
      expected += traffic.expected(m, from, to);
      streams.add(traffic.stream(m, from, to));
    }
    client.postPassages(setup.municipalityKeys(), streams, expected, concurrency, System.out::println, null);
    client.problems().forEach(problem -> System.out.println("problem: " + problem));
  }

  /** Waits until the year's compliance totals are the same three polls in a row (roll-ups caught up). */
  static void settle(BenchSetup setup, String url, int year, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    long last = -1;
    int stable = 0;
    while (stable < 3 && System.nanoTime() < deadline) {
      ZesClient.Response r = setup.client().send("GET", "/reports/compliance?from=" + year + "-01-01&to=" + year
          + "-12-31", setup.reportingKey(), null, null, Duration.ofSeconds(30)).join();
      long total = r.ok() ? Demo.countedPassages(r.json()) : -1;
      stable = total == last ? stable + 1 : 0;
      last = total;
      Thread.sleep(1_000);
    }
    System.out.printf("roll-ups settled: %,d passages counted in the year's compliance report%n", last);
  }
}
