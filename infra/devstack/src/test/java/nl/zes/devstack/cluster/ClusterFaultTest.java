package nl.zes.devstack.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import nl.zes.devstack.cluster.ClusterUnderTest.Member;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8's fault test: the services as separate processes (exemption-service ×1, passage-service ×2,
 * reporting-service ×1, gateway ×2 on a loopback Hazelcast cluster) under a steady stream of passages, while
 * (a) a passage-service process is killed -9, (b) a gateway is killed -9 and its requests are retried at the
 * other one, (c) Kafka restarts and (d) PostgreSQL restarts. Afterwards every accepted passage has exactly one
 * verdict, the compliance report counts exactly the accepted passages, and no violation is doubled. The figures
 * go to target/reliability.txt (docs/reliability.md quotes a run).
 */
@ExtendWith(ZesInfraExtension.class)
class ClusterFaultTest {

  private static final String ADMIN_KEY = "zes_fault_admin_key_0123456789abcdef";
  private static final Duration READY = Duration.ofSeconds(120);
  private static final Duration PROGRESS = Duration.ofSeconds(90);
  private static final Duration SETTLE = Duration.ofSeconds(150);
  /** Passages that must be accepted between two faults: the load is held, not just survived. */
  private static final int BETWEEN_FAULTS = 1_500;

  private final List<String> timeline = new ArrayList<>();
  private Instant started;

  @Test
  void everyAcceptedPassageGetsExactlyOneVerdictThroughKilledProcessesAndRestartedServers(TestInfra infra)
      throws Exception {
    Map<String, String> env = infra.env();
    env.put("ZES_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
    env.put("ZES_BUS_TIMEOUT", "10s");
    Map<String, Integer> layout = new LinkedHashMap<>();
    layout.put("exemption-service", 1);
    layout.put("passage-service", 2);
    layout.put("reporting-service", 1);
    layout.put("gateway", 2);
    Path target = Path.of("target");
    Vertx vertx = Vertx.vertx();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2_000).setIdleTimeout(40)
        .setIdleTimeoutUnit(TimeUnit.SECONDS));
    List<Member> killed = new ArrayList<>();
    try (ClusterUnderTest cluster = new ClusterUnderTest(ClusterUnderTest.repository(),
        target.resolve("cluster-fault-logs"), env, layout)) {
      started = Instant.now();
      cluster.start();
      List<Member> gateways = cluster.members("gateway");
      for (Member gateway : gateways) {
        awaitTrue("gateway " + gateway.name() + " ready with every service", READY,
            () -> readyTimes(http, gateway.httpPort(), 6));
      }
      mark("cluster ready");
      Api api = new Api(http, gateways.get(0).httpPort());
      String utrecht = api.createKey("municipality", PassageMix.UTRECHT);
      String reporting = api.createKey("reporting", null);
      assertThat(api.importCsv("vehicles", "e2e/vehicles.csv").getInteger("imported")).isEqualTo(5);
      assertThat(api.importCsv("fuels", "e2e/fuels.csv").getInteger("imported")).isEqualTo(5);

      PassageMix mix = new PassageMix(LocalDate.now(PassageMix.AMSTERDAM));
      PassageLoad load = new PassageLoad(vertx, http, gateways.stream().map(Member::httpPort).toList(), utrecht, mix);
      load.start();
      Instant loadStart = Instant.now();
      mark("load started: " + PassageLoad.BATCH + " passages every " + PassageLoad.PERIOD_MS + " ms");
      awaitAccepted(load, 1_000);

      Member evaluator = cluster.members("passage-service").get(1);
      cluster.kill(evaluator);
      killed.add(evaluator);
      mark("(a) killed -9 " + evaluator.name());
      awaitAccepted(load, load.accepted().size() + BETWEEN_FAULTS);

      Member gateway = gateways.get(0);
      cluster.kill(gateway);
      killed.add(gateway);
      mark("(b) killed -9 " + gateway.name());
      awaitAccepted(load, load.accepted().size() + BETWEEN_FAULTS);

      long failuresBefore = load.failureCount();
      try {
        infra.kafka().stop();
        mark("(c) Kafka stopped");
        awaitTrue("the Kafka outage felt by the clients", Duration.ofSeconds(30),
            () -> load.failureCount() > failuresBefore);
      } finally {
        infra.kafka().restart();
      }
      mark("(c) Kafka restarted");
      awaitAccepted(load, load.accepted().size() + BETWEEN_FAULTS);

      long failuresBeforePg = load.failureCount();
      try {
        infra.postgres().stop();
        mark("(d) PostgreSQL stopped");
        awaitTrue("the PostgreSQL outage felt by the clients", Duration.ofSeconds(30),
            () -> load.failureCount() > failuresBeforePg);
      } finally {
        infra.postgres().restart();
      }
      mark("(d) PostgreSQL restarted");
      awaitAccepted(load, load.accepted().size() + BETWEEN_FAULTS);

      load.stop();
      awaitTrue("every batch in flight accepted", PROGRESS, () -> load.inFlight() == 0);
      Instant loadEnd = Instant.now();
      mark("load stopped; " + load.accepted().size() + " passages accepted");
      assertThat(load.findings()).as("answers a municipal system should never get").isEmpty();

      Set<String> accepted = Set.copyOf(load.accepted());
      PassageMix.Expected expected = mix.expected(accepted);
      awaitTrue("a verdict for every accepted passage", SETTLE, () -> verdictCount(infra) >= accepted.size());
      mark("every accepted passage evaluated");
      Set<String> verdicts = verdictIds(infra);
      Set<String> missing = new HashSet<>(accepted);
      missing.removeAll(verdicts);
      Set<String> unexpected = new HashSet<>(verdicts);
      unexpected.removeAll(accepted);
      Map<String, Long> byVerdict = verdictsByKind(infra);

      JsonObject[] report = new JsonObject[1];
      String reportWindow = "from=" + mix.firstDay() + "&to=" + mix.lastDay();
      Api surviving = new Api(http, gateways.get(1).httpPort());
      awaitTrue("the compliance report counting exactly the accepted passages", SETTLE, () -> {
        report[0] = surviving.complianceRow(reporting, reportWindow);
        return report[0] != null && expected.matches(report[0]);
      });
      mark("compliance report complete");
      List<String> violationIds = surviving.violationIds(utrecht, reportWindow);

      writeFigures(target.resolve("reliability.txt"), load, accepted, verdicts, missing, byVerdict, expected,
          report[0], violationIds, Duration.between(loadStart, loadEnd), cluster.crashed(killed));

      assertThat(missing).as("accepted passages without a verdict").isEmpty();
      assertThat(unexpected).as("verdicts of passages never accepted").isEmpty();
      assertThat(verdictCount(infra)).as("verdict rows: one per accepted passage").isEqualTo(accepted.size());
      assertThat(claimCount(infra)).as("claims: one per accepted passage").isEqualTo(accepted.size());
      assertThat(byVerdict).containsEntry("FINE", expected.fines()).containsEntry("REPEAT", expected.repeats())
          .containsEntry("ALLOWED", expected.allowed() + expected.outOfScope())
          .containsEntry("NOT_ENFORCEABLE", expected.notEnforceable())
          .containsEntry("UNRESOLVED", expected.unresolved());
      assertThat(load.reportedAccepted()).as("no passage counted as new twice").isLessThanOrEqualTo(accepted.size());
      assertThat(load.reportedAccepted() + load.reportedDuplicates()).as("every id of every 202 answered for")
          .isEqualTo(accepted.size());
      assertThat(load.failures()).as("a dependency away is a 503, never a 500").doesNotContainKey("HTTP 500");
      assertThat(violationIds).as("violations, each once").doesNotHaveDuplicates().hasSize((int) expected.fines());
      assertThat(cluster.crashed(killed)).as("processes that died without being killed").isEmpty();
      Member survivor = cluster.members("passage-service").get(0);
      assertThat(evaluatedCount(http, survivor.metricsPort()))
          .as("verdicts counted in the /metrics of the surviving evaluator " + survivor.name()).isPositive();
    } finally {
      if (!infra.kafka().isRunning()) {
        infra.kafka().restart();
      }
      if (!infra.postgres().isRunning()) {
        infra.postgres().restart();
      }
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The sum of {@code zes_passages_evaluated_total} over verdicts in a passage-service process's own /metrics. */
  private static double evaluatedCount(WebClient http, int metricsPort) throws Exception {
    String metrics = http.get(metricsPort, "127.0.0.1", "/metrics").send().await(10, TimeUnit.SECONDS).bodyAsString();
    return metrics.lines().filter(line -> line.startsWith("zes_passages_evaluated_total{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  private static boolean readyTimes(WebClient http, int port, int times) {
    for (int i = 0; i < times; i++) {
      try {
        if (http.get(port, "127.0.0.1", "/health/ready").timeout(5_000).send().await(6, TimeUnit.SECONDS)
            .statusCode() != 200) {
          return false;
        }
      } catch (Exception e) {
        return false;
      }
    }
    return true;
  }

  private void awaitAccepted(PassageLoad load, int atLeast) throws InterruptedException {
    awaitTrue(atLeast + " passages accepted", PROGRESS, () -> load.accepted().size() >= atLeast);
  }

  private void awaitTrue(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + bound.toSeconds() + " s: " + what + "; timeline: " + timeline);
      }
      Thread.sleep(250);
    }
  }

  private void mark(String event) {
    String line = String.format("%6.1f s  %s", Duration.between(started, Instant.now()).toMillis() / 1000.0, event);
    timeline.add(line);
    System.out.println("[cluster-fault] " + line);
  }

  private static long verdictCount(TestInfra infra) {
    return Long.parseLong(query(infra, "SELECT count(*) FROM passages.passage_verdict WHERE municipality = '"
        + PassageMix.UTRECHT + "'").trim());
  }

  private static long claimCount(TestInfra infra) {
    return Long.parseLong(query(infra, "SELECT count(*) FROM passages.passage_claim WHERE municipality = '"
        + PassageMix.UTRECHT + "'").trim());
  }

  private static Set<String> verdictIds(TestInfra infra) {
    Set<String> ids = new HashSet<>();
    for (String line : query(infra, "SELECT id FROM passages.passage_verdict").split("\n")) {
      if (!line.isBlank()) {
        ids.add(line.trim());
      }
    }
    return ids;
  }

  private static Map<String, Long> verdictsByKind(TestInfra infra) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : query(infra, "SELECT verdict || ' ' || count(*) FROM passages.passage_verdict GROUP BY verdict"
        + " ORDER BY verdict").split("\n")) {
      if (!line.isBlank()) {
        String[] parts = line.trim().split(" ");
        counts.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return counts;
  }

  /** psql, retried while PostgreSQL is coming back (the settle phase starts right after its restart). */
  private static String query(TestInfra infra, String sql) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        return infra.psql(sql);
      } catch (RuntimeException e) {
        last = e;
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
    throw last;
  }

  private void writeFigures(Path file, PassageLoad load, Set<String> accepted, Set<String> verdicts,
      Set<String> missing, Map<String, Long> byVerdict, PassageMix.Expected expected, JsonObject report,
      List<String> violationIds, Duration loadDuration, List<String> crashed) throws IOException {
    double seconds = loadDuration.toMillis() / 1000.0;
    StringBuilder text = new StringBuilder();
    text.append("ZES cluster fault test (ClusterFaultTest), ").append(Instant.now()).append('\n');
    text.append("processes: exemption-service x1, passage-service x2, reporting-service x1, gateway x2 ")
        .append("(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1), loopback Hazelcast cluster\n");
    text.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores\n\n");
    text.append("load: batches of ").append(PassageLoad.BATCH).append(" every ").append(PassageLoad.PERIOD_MS)
        .append(" ms offered (at most 8 batches in flight), alternating over both gateways\n");
    text.append(String.format("load duration: %.1f s%n", seconds));
    text.append("passages offered: ").append(load.offered()).append('\n');
    text.append("passages accepted (distinct ids answered 202): ").append(accepted.size())
        .append(String.format(" (%.0f/s over the load)%n", accepted.size() / seconds));
    text.append("  counted as new by the service: ").append(load.reportedAccepted())
        .append(", as duplicates of an earlier attempt: ").append(load.reportedDuplicates()).append('\n');
    text.append("HTTP requests: ").append(load.requests()).append(", failed and retried: ").append(load.failureCount())
        .append(' ').append(load.failures()).append('\n');
    text.append("ticks skipped (8 batches already in flight): ").append(load.ticksSkipped()).append('\n');
    text.append("passages evaluated (verdict rows): ").append(verdicts.size()).append(' ').append(byVerdict).append('\n');
    text.append("passages lost (accepted without verdict): ").append(missing.size()).append('\n');
    text.append("violations listed by the API: ").append(violationIds.size()).append(" (expected ")
        .append(expected.fines()).append(", duplicates: ")
        .append(violationIds.size() - new HashSet<>(violationIds).size()).append(")\n");
    text.append("compliance report row: ").append(report == null ? null : report.encode()).append('\n');
    text.append("expected: ").append(expected).append('\n');
    text.append("processes that crashed on their own: ").append(crashed).append("\n\ntimeline:\n");
    timeline.forEach(line -> text.append("  ").append(line).append('\n'));
    Files.writeString(file, text.toString());
    System.out.println(text);
  }

  /** The calls this test makes through a gateway, awaited on the test thread. */
  private record Api(WebClient http, int port) {

    String createKey(String role, String municipality) {
      JsonObject body = new JsonObject().put("role", role).put("name", "fault test " + role);
      if (municipality != null) {
        body.put("municipality", municipality);
      }
      HttpResponse<Buffer> response = await(http.post(port, "127.0.0.1", "/api/v1/admin/api-keys")
          .putHeader("Authorization", "Bearer " + ADMIN_KEY).sendJsonObject(body));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
      return response.bodyAsJsonObject().getString("key");
    }

    JsonObject importCsv(String dataset, String resource) throws IOException {
      byte[] csv;
      try (InputStream in = ClusterFaultTest.class.getClassLoader().getResourceAsStream(resource)) {
        csv = in.readAllBytes();
      }
      HttpResponse<Buffer> response = await(http.post(port, "127.0.0.1", "/api/v1/vehicles/import?dataset=" + dataset)
          .putHeader("Authorization", "Bearer " + ADMIN_KEY).putHeader("Content-Type", "text/csv")
          .sendBuffer(Buffer.buffer(csv)));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      return response.bodyAsJsonObject();
    }

    /** Utrecht's row of the compliance report, or null while it cannot be read. */
    JsonObject complianceRow(String key, String window) {
      try {
        HttpResponse<Buffer> response = await(http.get(port, "127.0.0.1", "/api/v1/reports/compliance?" + window)
            .putHeader("Authorization", "Bearer " + key).send());
        if (response.statusCode() != 200) {
          return null;
        }
        return response.bodyAsJsonObject().getJsonArray("municipalities").stream().map(JsonObject.class::cast)
            .filter(row -> PassageMix.UTRECHT.equals(row.getString("code"))).findFirst().orElse(null);
      } catch (AssertionError e) {
        return null;
      }
    }

    /** Every violation's passage id, page by page. */
    List<String> violationIds(String key, String window) {
      List<String> ids = new ArrayList<>();
      String cursor = null;
      do {
        String path = "/api/v1/violations?" + window + "&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor);
        HttpResponse<Buffer> response = await(http.get(port, "127.0.0.1", path)
            .putHeader("Authorization", "Bearer " + key).send());
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonObject page = response.bodyAsJsonObject();
        page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("passageId")));
        cursor = page.getString("nextCursor");
      } while (cursor != null);
      return ids;
    }

    private static <T> T await(Future<T> future) {
      try {
        return future.await(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }
}
