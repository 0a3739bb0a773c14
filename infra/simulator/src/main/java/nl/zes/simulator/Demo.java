package nl.zes.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads a believable country into a running ZES through its public API: keys, a synthetic register, the
 * Centraal Loket's history since 2024-07-01, and two months of camera passages — then says where to look.
 * Called by {@code ./zes up --demo}; {@link #main} runs it against any ZES.
 */
public final class Demo {

  private Demo() {
  }

  /** The keys the demo made, and where the dashboard is. */
  public record Result(String dashboardUrl, String reportingKey, String loketKey, Map<String, String> municipalityKeys,
      List<String> problems) {
  }

  public static Result run(String baseUrl, String adminKey, DemoSizes sizes, Consumer<String> progress) {
    ZesClient client = new ZesClient(baseUrl);
    try {
      if (!client.awaitReady(Duration.ofMinutes(2))) {
        throw new IllegalStateException("ZES at " + baseUrl + " is not ready (GET /health/ready)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    List<Municipality> municipalities = client.municipalities(adminKey);
    progress.accept("demo: " + municipalities.size() + " municipalities; creating keys");
    String loketKey = client.createKey(adminKey, "loket", null, "demo loket");
    String reportingKey = client.createKey(adminKey, "reporting", null, "demo reporting");
    Map<String, String> municipalityKeys = new LinkedHashMap<>();
    for (Municipality m : municipalities) {
      municipalityKeys.put(m.code(), client.createKey(adminKey, "municipality", m.code(), "demo " + m.name()));
    }

    Fleet fleet = loadRegister(client, adminKey, sizes, progress);

    ApplicationGenerator loket = new ApplicationGenerator(sizes.seed(), fleet, municipalities);
    client.postApplications(loketKey, loket.applications(sizes.applicationScale()), sizes.concurrency(), progress);
    client.postDayExemptions(loketKey, loket.dayExemptions(sizes.dayExemptionScale()), sizes.concurrency(), progress);

    PassageGenerator traffic = new PassageGenerator(sizes.seed(), fleet, sizes.passageScale(),
        PassageGenerator.MAX_BATCH);
    List<PassageGenerator.PassageStream> streams = new ArrayList<>();
    long expected = 0;
    for (Municipality m : municipalities) {
      long count = traffic.expected(m, sizes.from(), sizes.to());
      if (count > 0) {
        streams.add(traffic.stream(m, sizes.from(), sizes.to()));
        expected += count;
      }
    }
    progress.accept("demo: passages " + sizes.from() + " … " + sizes.to() + " for " + streams.size()
        + " municipalities");
    Progress posted = client.postPassages(municipalityKeys, streams, expected, Math.max(1, sizes.concurrency() / 2),
        progress, null);
    awaitVerdicts(client, reportingKey, sizes, posted.count(0), progress);

    String dashboard = baseUrl.replaceAll("/+$", "") + "/";
    Result result = new Result(dashboard, reportingKey, loketKey, municipalityKeys, client.problems());
    progress.accept("");
    progress.accept("demo loaded. Dashboard: " + dashboard + "   (period " + sizes.from() + " … " + sizes.to() + ")");
    progress.accept("  reporting key: " + reportingKey);
    progress.accept("  loket key:     " + loketKey);
    progress.accept("  municipality keys: " + municipalityKeys.size() + " (e.g. Utrecht GM0344: "
        + municipalityKeys.getOrDefault("GM0344", "-") + ")");
    for (String problem : result.problems()) {
      progress.accept("  problem: " + problem);
    }
    return result;
  }

  /**
   * Evaluation runs behind ingestion: waits until the period's compliance report has stopped growing (three
   * polls a second apart), at most three minutes, so that the dashboard shows the whole two months.
   */
  private static void awaitVerdicts(ZesClient client, String reportingKey, DemoSizes sizes, long accepted,
      Consumer<String> progress) {
    Progress counted = new Progress(progress, "verdicts", accepted, "counted in the reports");
    String path = "/reports/compliance?from=" + sizes.from() + "&to=" + sizes.to();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    long last = -1;
    for (int stable = 0; stable < 3 && System.nanoTime() < deadline; ) {
      ZesClient.Response response = client.send("GET", path, reportingKey, null, null, Duration.ofSeconds(30)).join();
      long total = response.ok() ? countedPassages(response.json()) : -1;
      stable = total == last ? stable + 1 : 0;
      if (total > last) {
        counted.add(0, total - Math.max(last, 0));
      }
      last = total;
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    counted.done();
  }

  /** Every evaluated NL and foreign passage the compliance report counts (out-of-scope cars are not counted). */
  public static long countedPassages(JsonObject compliance) {
    long total = 0;
    JsonArray rows = compliance.getJsonArray("municipalities", new JsonArray());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      total += row.getLong("passages", 0L) + row.getLong("notEnforceable", 0L) + row.getLong("unresolved", 0L);
    }
    return total;
  }

  private static Fleet loadRegister(ZesClient client, String adminKey, DemoSizes sizes, Consumer<String> progress) {
    RegisterSizes register = RegisterSizes.ofTotal(sizes.vehicles());
    Path directory = null;
    try {
      directory = Files.createTempDirectory("zes-demo-register");
      progress.accept(String.format("register: generating %,d vans, %,d trucks, %,d cars", register.vans(),
          register.trucks(), register.cars()));
      RegisterGenerator.Files3 files = new RegisterGenerator(sizes.seed(), register).writeTo(directory);
      for (String[] dataset : new String[][] {
          {"vehicles", files.vehicles().toString()}, {"fuels", files.fuels().toString()},
          {"bodies", files.bodies().toString()}}) {
        long start = System.nanoTime();
        JsonObject answer = client.importRegister(adminKey, dataset[0], Path.of(dataset[1]));
        progress.accept(String.format("register: %-8s %,d imported, %,d rejected (%.1f s)", dataset[0],
            answer.getLong("imported", 0L), answer.getJsonArray("rejected", new JsonArray()).size(),
            (System.nanoTime() - start) / 1e9));
      }
      return files.fleet();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(directory);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }

  /**
   * {@code java -jar zes-simulator-runnable.jar [baseUrl] [adminKey] [--vehicles N] [--passage-scale X]
   * [--from yyyy-mm-dd] [--to yyyy-mm-dd]}; the URL and key default to {@code ZES_URL} (http://127.0.0.1:8080)
   * and {@code ZES_ADMIN_KEY}.
   */
  public static void main(String[] args) {
    String baseUrl = System.getenv().getOrDefault("ZES_URL", "http://127.0.0.1:8080");
    String adminKey = System.getenv("ZES_ADMIN_KEY");
    DemoSizes sizes = DemoSizes.standard();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--vehicles" -> sizes = sizes.withVehicles(Integer.parseInt(args[++i]));
        case "--passage-scale" -> sizes = sizes.withScales(sizes.applicationScale(), sizes.dayExemptionScale(),
            Double.parseDouble(args[++i]));
        case "--from" -> sizes = new DemoSizes(sizes.seed(), sizes.vehicles(), sizes.applicationScale(),
            sizes.dayExemptionScale(), sizes.passageScale(), LocalDate.parse(args[++i]), sizes.to(), sizes.concurrency());
        case "--to" -> sizes = new DemoSizes(sizes.seed(), sizes.vehicles(), sizes.applicationScale(),
            sizes.dayExemptionScale(), sizes.passageScale(), sizes.from(), LocalDate.parse(args[++i]), sizes.concurrency());
        default -> positional.add(args[i]);
      }
    }
    if (!positional.isEmpty()) {
      baseUrl = positional.get(0);
    }
    if (positional.size() > 1) {
      adminKey = positional.get(1);
    }
    if (adminKey == null) {
      System.err.println("usage: Demo [baseUrl] [adminKey] [--vehicles N] [--passage-scale X] [--from D] [--to D]"
          + " (or set ZES_URL and ZES_ADMIN_KEY)");
      System.exit(2);
    }
    run(baseUrl, adminKey, sizes, System.out::println);
  }
}
