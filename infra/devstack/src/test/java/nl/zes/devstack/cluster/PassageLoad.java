package nl.zes.devstack.cluster;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A municipal system posting a steady stream of passage batches, alternating over the gateways. A request
 * that fails (connection refused or reset, timeout, 429, 5xx) is sent again with the same ids to the next
 * gateway, after its Retry-After, until it is answered 202; every id of a 202 batch counts as accepted (as
 * new or as a duplicate of an earlier attempt that did get through). Any other answer is a finding.
 */
final class PassageLoad {

  static final int BATCH = 50;
  static final long PERIOD_MS = 150;
  private static final int MAX_IN_FLIGHT = 8;
  private static final long MAX_BACKOFF_MS = 2_000;

  private final Vertx vertx;
  private final WebClient http;
  private final List<Integer> ports;
  private final String key;
  private final PassageMix mix;
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicLong reportedAccepted = new AtomicLong();
  private final AtomicLong reportedDuplicates = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong batchesSent = new AtomicLong();
  private final AtomicLong ticksSkipped = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private final List<String> findings = java.util.Collections.synchronizedList(new ArrayList<>());
  private long next;
  private int gateway;
  private long timer = -1;

  PassageLoad(Vertx vertx, WebClient http, List<Integer> ports, String key, PassageMix mix) {
    this.vertx = vertx;
    this.http = http;
    this.ports = ports;
    this.key = key;
    this.mix = mix;
  }

  void start() {
    vertx.runOnContext(v -> timer = vertx.setPeriodic(PERIOD_MS, id -> tick()));
  }

  /** No new batches; those in flight go on until accepted. */
  void stop() {
    vertx.runOnContext(v -> vertx.cancelTimer(timer));
  }

  private void tick() {
    if (inFlight.get() >= MAX_IN_FLIGHT) {
      ticksSkipped.incrementAndGet();
      return;
    }
    long first = next;
    next += BATCH;
    inFlight.incrementAndGet();
    batchesSent.incrementAndGet();
    send(first, mix.batch(first, BATCH), gateway++, 1);
  }

  private void send(long first, JsonObject batch, int target, int attempt) {
    requests.incrementAndGet();
    http.post(ports.get(Math.floorMod(target, ports.size())), "127.0.0.1", "/api/v1/passages")
        .putHeader("Authorization", "Bearer " + key)
        .timeout(35_000)
        .sendJsonObject(batch)
        .onComplete(ar -> answered(first, batch, target, attempt, ar));
  }

  private void answered(long first, JsonObject batch, int target, int attempt, AsyncResult<HttpResponse<Buffer>> ar) {
    if (ar.succeeded() && ar.result().statusCode() == 202) {
      JsonObject body = ar.result().bodyAsJsonObject();
      reportedAccepted.addAndGet(body.getLong("accepted"));
      reportedDuplicates.addAndGet(body.getLong("duplicates"));
      if (!body.getJsonArray("rejected").isEmpty()) {
        findings.add("batch " + first + " had rejected items: " + body.getJsonArray("rejected").encode());
      }
      for (long n = first; n < first + BATCH; n++) {
        accepted.add(PassageMix.id(n));
      }
      inFlight.decrementAndGet();
      return;
    }
    String cause = ar.succeeded() ? "HTTP " + ar.result().statusCode() : failureKind(ar.cause());
    failures.computeIfAbsent(cause, k -> new AtomicLong()).incrementAndGet();
    if (ar.succeeded() && ar.result().statusCode() < 500 && ar.result().statusCode() != 429) {
      findings.add("batch " + first + ": " + cause + " " + ar.result().bodyAsString());
      inFlight.decrementAndGet();
      return;
    }
    long delay = Math.min(MAX_BACKOFF_MS, 100L * attempt);
    if (ar.succeeded() && ar.result().getHeader("Retry-After") != null) {
      delay = Math.min(MAX_BACKOFF_MS, 1000L * Long.parseLong(ar.result().getHeader("Retry-After").trim()));
    }
    vertx.setTimer(Math.max(1, delay), id -> send(first, batch, target + 1, attempt + 1));
  }

  private static String failureKind(Throwable failure) {
    if (failure instanceof ConnectException) {
      return "connection refused";
    }
    if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
      return "client timeout";
    }
    return "connection error (" + failure.getClass().getSimpleName() + ")";
  }

  Set<String> accepted() {
    return accepted;
  }

  int inFlight() {
    return inFlight.get();
  }

  long offered() {
    return batchesSent.get() * BATCH;
  }

  long reportedAccepted() {
    return reportedAccepted.get();
  }

  long reportedDuplicates() {
    return reportedDuplicates.get();
  }

  long requests() {
    return requests.get();
  }

  long ticksSkipped() {
    return ticksSkipped.get();
  }

  long failureCount() {
    return failures.values().stream().mapToLong(AtomicLong::get).sum();
  }

  Map<String, Long> failures() {
    Map<String, Long> copy = new TreeMap<>();
    failures.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  List<String> findings() {
    return List.copyOf(findings);
  }
}
