package nl.zes.simulator.bench;

import io.vertx.core.Context;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load generator, meant to run in its own process: {@code connections} keep-alive
 * connections, each sending the next GET as soon as the previous answer is read, for a fixed time or number of
 * requests; latencies go into an HdrHistogram. A {@code {plate}} in the URL is replaced by the plates of a file
 * in turn. Sends to 127.0.0.1 only. Status 0 counts requests that got no answer.
 *
 * <p>With {@code --rate R} it is open-loop instead (as wrk2): a pacer thread starts request i at start + i/R
 * whatever the answers, the {@code connections} only bound the requests on the wire (the others wait in the
 * client's queue), and each latency runs from the request's scheduled start, so a stall of the server or of the
 * generator counts against every request it delays (no coordinated omission).
 *
 * <pre>java -cp … HttpLoad --url http://127.0.0.1:18080/api/v1/access?plate={plate}&amp;municipality=GM0344
 *   --key K --plates plates.txt --connections 32 --seconds 30 --warmup 5</pre>
 */
public final class HttpLoad {

  /** What a run measured (after the warm-up). */
  public record Result(long requests, long errors, double seconds, Histogram latency, Map<Integer, Long> statuses) {

    public double perSecond() {
      return requests / seconds;
    }

    @Override
    public String toString() {
      return String.format("%,d requests in %.1f s = %,.0f req/s, %,d non-2xx; %s; statuses %s", requests, seconds,
          perSecond(), errors, Latency.summary(latency), statuses);
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

  /** Open-loop at {@code rate} requests/s; latencies from each request's scheduled start. */
  public static Result paced(String url, String key, int connections, double rate, double warmupSeconds,
      double seconds) throws Exception {
    URI uri = URI.create(url);
    if (!"127.0.0.1".equals(uri.getHost())) {
      throw new IllegalArgumentException("benchmarks send traffic to 127.0.0.1 only, not " + uri.getHost());
    }
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    Vertx vertx = Vertx.vertx();
    try {
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(connections));
      Context context = vertx.getOrCreateContext();
      Histogram latency = Latency.histogram();
      Map<Integer, Long> statuses = new TreeMap<>();
      // measured, non-2xx, completed, last answer (touched on the context's thread only)
      long[] counts = new long[4];
      long period = Math.round(1e9 / rate);
      long total = (long) ((warmupSeconds + seconds) * rate);
      long start = System.nanoTime() + 100_000_000L;
      long measureFrom = start + (long) (warmupSeconds * 1e9);
      long end = start + total * period;
      CompletableFuture<Void> done = new CompletableFuture<>();
      for (long i = 0; i < total; i++) {
        long scheduled = start + i * period;
        for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        context.runOnContext(v -> {
          RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
              .setPort(uri.getPort()).setURI(path);
          if (key != null) {
            options.putHeader("Authorization", "Bearer " + key);
          }
          client.request(options).compose(request -> request.send().compose(response ->
                  response.body().map(body -> response.statusCode())))
              .onComplete(result -> {
                long finished = System.nanoTime();
                if (result.failed() && counts[1] == 0) {
                  System.err.println("first request without an answer: " + result.cause());
                }
                if (scheduled >= measureFrom) {
                  counts[0]++;
                  int status = result.failed() ? 0 : result.result();
                  statuses.merge(status, 1L, Long::sum);
                  if (status / 100 != 2) {
                    counts[1]++;
                  }
                  latency.recordValue(Math.min(finished - scheduled, latency.getHighestTrackableValue()));
                }
                counts[3] = finished;
                if (++counts[2] == total) {
                  done.complete(null);
                }
              });
        });
      }
      try {
        done.get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        // reported: the requests still unanswered are missing from the count and from the rate
      }
      CompletableFuture<Result> result = new CompletableFuture<>();
      context.runOnContext(v -> result.complete(new Result(counts[0], counts[1] + (total - counts[2]),
          (Math.max(end, counts[3]) - measureFrom) / 1e9, latency.copy(), new TreeMap<>(statuses))));
      return result.get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
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
    Result result = args.decimal("rate", 0) > 0
        ? paced(args.required("url"), args.string("key", null), args.integer("connections", 16),
            args.decimal("rate", 0), args.decimal("warmup", 2), args.decimal("seconds", 10))
        : run(args.required("url"), args.string("key", null), plates, args.integer("connections", 16),
            args.decimal("warmup", 2), args.decimal("seconds", 10), args.integer("requests", 0));
    System.out.println(args.string("label", "load") + ": " + result);
    System.out.printf("RESULT %s rps=%.0f p50=%.3f p99=%.3f p999=%.3f errors=%d%n", args.string("label", "load"),
        result.perSecond(), Latency.ms(result.latency(), 50), Latency.ms(result.latency(), 99),
        Latency.ms(result.latency(), 99.9), result.errors());
  }

  private static List<String> readPlates(Path file) throws IOException {
    try (var lines = Files.lines(file)) {
      return lines.map(String::trim).filter(l -> !l.isEmpty()).toList();
    }
  }

}
