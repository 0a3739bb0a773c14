package nl.zes.simulator.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load generator, meant to run in its own process: {@code connections} keep-alive
 * connections, each sending the next GET as soon as the previous answer is read, for a fixed time or number of
 * requests; latencies go into an HdrHistogram. A {@code {plate}} in the URL is replaced by the plates of a file
 * in turn. Sends to 127.0.0.1 only. Status 0 counts requests that got no answer.
 *
 * <p>With {@code --rate R} it is open-loop instead (as wrk2, see {@link OpenLoopLoad}): request i starts at
 * start + i/R whatever the answers, on one of {@code connections} keep-alive connections (pipelined when all are
 * busy), and each latency runs from the request's scheduled start, so a stall of the server or of the generator
 * counts against every request it delays (no coordinated omission).
 *
 * <p>{@code --closed-warmup S} first runs S seconds closed-loop on 4 connections, not measured, so that the server's
 * code is compiled before the measured run starts.
 *
 * <pre>java -cp … HttpLoad --url http://127.0.0.1:18080/api/v1/access?plate={plate}&amp;municipality=GM0344
 *   --key K --plates plates.txt --connections 32 --seconds 30 --warmup 5</pre>
 */
public final class HttpLoad {

  /**
   * What a run measured (after the warm-up); {@code sendLag}, for an open-loop run, how late each request was
   * written after its scheduled start (the generator's own delay, inside {@code latency}), else null.
   */
  public record Result(long requests, long errors, double seconds, Histogram latency, Map<Integer, Long> statuses,
      Histogram sendLag) {

    public Result(long requests, long errors, double seconds, Histogram latency, Map<Integer, Long> statuses) {
      this(requests, errors, seconds, latency, statuses, null);
    }

    public double perSecond() {
      return requests / seconds;
    }

    @Override
    public String toString() {
      return String.format("%,d requests in %.1f s = %,.0f req/s, %,d non-2xx; %s; statuses %s%s", requests, seconds,
          perSecond(), errors, Latency.summary(latency), statuses,
          sendLag == null ? "" : "; send lag " + Latency.summary(sendLag));
    }
  }

  private HttpLoad() {
  }

  /**
   * @param maxRequests stop after this many measured requests (0: only the time bound)
   */
  public static Result run(String url, String key, List<String> plates, int connections, double warmupSeconds,
      double seconds, long maxRequests) throws Exception {
    URI uri = URI.create(url.replace("{plate}", "%7Bplate%7D"));
    if (!"127.0.0.1".equals(uri.getHost())) {
      throw new IllegalArgumentException("benchmarks send traffic to 127.0.0.1 only, not " + uri.getHost());
    }
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    Vertx vertx = Vertx.vertx();
    try {
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(connections));
      Histogram latency = Latency.histogram();
      AtomicLong requests = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      Map<Integer, AtomicLong> statuses = new ConcurrentSkipListMap<>();
      AtomicLong plateIndex = new AtomicLong();
      long start = System.nanoTime();
      long measureFrom = start + (long) (warmupSeconds * 1e9);
      long end = measureFrom + (long) (seconds * 1e9);
      CompletableFuture<Void> done = new CompletableFuture<>();
      AtomicLong running = new AtomicLong(connections);
      Loop loop = new Loop(client, uri, path, key, plates, plateIndex, latency, requests, errors, statuses, measureFrom,
          end, maxRequests, running, done);
      for (int i = 0; i < connections; i++) {
        vertx.runOnContext(v -> loop.next());
      }
      done.get((long) (warmupSeconds + seconds) + 60, TimeUnit.SECONDS);
      double measured = (Math.min(System.nanoTime(), end) - measureFrom) / 1e9;
      synchronized (latency) {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return new Result(requests.get(), errors.get(), measured, latency.copy(), counts);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** Open-loop at {@code rate} requests/s ({@link OpenLoopLoad}); latencies from each request's scheduled start. */
  public static Result paced(String url, String key, int connections, double rate, double warmupSeconds,
      double seconds) throws Exception {
    if (!"127.0.0.1".equals(URI.create(url).getHost())) {
      throw new IllegalArgumentException("benchmarks send traffic to 127.0.0.1 only, not " + URI.create(url).getHost());
    }
    return OpenLoopLoad.run(url, key, connections, rate, warmupSeconds, seconds);
  }

  /** One request after another on a connection, until the bound. */
  private record Loop(HttpClient client, URI uri, String path, String key, List<String> plates, AtomicLong plateIndex,
      Histogram latency, AtomicLong requests, AtomicLong errors, Map<Integer, AtomicLong> statuses, long measureFrom, long end, long maxRequests,
      AtomicLong running, CompletableFuture<Void> done) {

    void next() {
      long now = System.nanoTime();
      if (now >= end || (maxRequests > 0 && requests.get() >= maxRequests)) {
        if (running.decrementAndGet() == 0) {
          done.complete(null);
        }
        return;
      }
      String target = path;
      if (target.contains("%7Bplate%7D")) {
        String plate = plates.get((int) (plateIndex.getAndIncrement() % plates.size()));
        target = target.replace("%7Bplate%7D", plate);
      }
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
          .setPort(uri.getPort()).setURI(target);
      if (key != null) {
        options.putHeader("Authorization", "Bearer " + key);
      }
      long sent = System.nanoTime();
      client.request(options).compose(request -> request.send().compose(response ->
              response.body().map(body -> response.statusCode())))
          .onComplete(result -> {
            long finished = System.nanoTime();
            if (sent >= measureFrom && finished <= end) {
              requests.incrementAndGet();
              int status = result.failed() ? 0 : result.result();
              statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
              if (status / 100 != 2) {
                errors.incrementAndGet();
              }
              synchronized (latency) {
                latency.recordValue(Math.min(finished - sent, latency.getHighestTrackableValue()));
              }
            }
            next();
          });
    }
  }

  public static void main(String[] arguments) throws Exception {
    Args args = new Args(arguments);
    List<String> plates = args.string("plates", null) == null ? List.of("VX123B")
        : readPlates(Path.of(args.string("plates", null)));
    if (args.decimal("closed-warmup", 0) > 0) {
      // the server's code compiled before the open-loop run: a cold server at full rate builds a backlog of seconds
      // that its warm-up would not always drain; closed-loop, it is only ever as busy as it can be
      Result warm = run(args.required("url"), args.string("key", null), plates, 4, 0, args.decimal("closed-warmup", 0), 0);
      System.out.printf("%s: closed-loop warm-up %,.0f req/s over %.0f s%n", args.string("label", "load"),
          warm.perSecond(), warm.seconds());
    }
    Result result = args.decimal("rate", 0) > 0
        ? paced(args.required("url"), args.string("key", null), args.integer("connections", 16),
            args.decimal("rate", 0), args.decimal("warmup", 2), args.decimal("seconds", 10))
        : run(args.required("url"), args.string("key", null), plates, args.integer("connections", 16),
            args.decimal("warmup", 2), args.decimal("seconds", 10), args.integer("requests", 0));
    System.out.println(args.string("label", "load") + ": " + result);
    System.out.printf("RESULT %s rps=%.0f p50=%.3f p99=%.3f p999=%.3f errors=%d%s%n", args.string("label", "load"),
        result.perSecond(), Latency.ms(result.latency(), 50), Latency.ms(result.latency(), 99),
        Latency.ms(result.latency(), 99.9), result.errors(), result.sendLag() == null ? ""
            : String.format(" lag50=%.3f lag99=%.3f", Latency.ms(result.sendLag(), 50), Latency.ms(result.sendLag(), 99)));
  }

  private static List<String> readPlates(Path file) throws IOException {
    try (var lines = Files.lines(file)) {
      return lines.map(String::trim).filter(l -> !l.isEmpty()).toList();
    }
  }

}
