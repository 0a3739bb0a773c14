package nl.zes.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drives a running ZES through its public HTTP API only ({@code /api/v1}, API.md): keys, register imports,
 * applications and decisions, day exemptions and passages, with a bounded number of requests in flight. A
 * 429 or 503 is retried after its Retry-After (bounded); other failures are counted and the first few kept,
 * by status and problem type only — never a plate.
 */
public final class ZesClient {

  private static final int MAX_ATTEMPTS = 20;
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(60);

  private final HttpClient http;
  private final String api;
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  /** @param baseUrl e.g. {@code http://127.0.0.1:8080}; the API is under {@code /api/v1} */
  public ZesClient(String baseUrl) {
    this.api = baseUrl.replaceAll("/+$", "") + "/api/v1";
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A response: status, body and how long it took (the last attempt). */
  public record Response(int status, String body, long nanos) {

    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public JsonObject json() {
      return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    }
  }

  /** Sends a request, retrying 429 and 503 after their Retry-After. */
  public CompletableFuture<Response> send(String method, String path, String key, String contentType,
      Supplier<BodyPublisher> body, Duration timeout) {
    return attempt(method, path, key, contentType, body, timeout, 1);
  }

  public CompletableFuture<Response> postJson(String path, String key, JsonObject body) {
    String text = body.encode();
    return send("POST", path, key, "application/json", () -> BodyPublishers.ofString(text), REQUEST_TIMEOUT);
  }

  private CompletableFuture<Response> attempt(String method, String path, String key, String contentType,
      Supplier<BodyPublisher> body, Duration timeout, int attempt) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(timeout)
        .header("Accept", "application/json");
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? BodyPublishers.noBody() : body.get());
    long start = System.nanoTime();
    return http.sendAsync(request.build(), BodyHandlers.ofString()).thenCompose(r -> {
      Response response = new Response(r.statusCode(), r.body(), System.nanoTime() - start);
      if ((r.statusCode() == 429 || r.statusCode() == 503) && attempt < MAX_ATTEMPTS) {
        long seconds = r.headers().firstValue("Retry-After").map(ZesClient::seconds).orElse(1L);
        return CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(Math.min(seconds, 5), TimeUnit.SECONDS))
            .thenCompose(x -> attempt(method, path, key, contentType, body, timeout, attempt + 1));
      }
      return CompletableFuture.completedFuture(response);
    });
  }

  private static long seconds(String retryAfter) {
    try {
      return Math.max(1, Long.parseLong(retryAfter.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** Waits until {@code /health/ready} answers 200. */
  public boolean awaitReady(Duration bound) throws InterruptedException {
    String base = api.substring(0, api.length() - "/api/v1".length());
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        int status = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
            .timeout(Duration.ofSeconds(5)).build(), BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    return false;
  }

  /** {@code POST /admin/api-keys}: a new key of the role, shown once. */
  public String createKey(String adminKey, String role, String municipality, String name) {
    JsonObject body = new JsonObject().put("role", role).put("name", name);
    if (municipality != null) {
      body.put("municipality", municipality);
    }
    Response response = join(postJson("/admin/api-keys", adminKey, body));
    require(response, "creating a " + role + " key");
    return response.json().getString("key");
  }

  public List<Municipality> municipalities(String key) {
    Response response = join(send("GET", "/municipalities", key, null, null, REQUEST_TIMEOUT));
    require(response, "reading the municipalities");
    return Municipality.fromJson(new JsonArray(response.body()));
  }

  /** {@code POST /vehicles/import?dataset=…}, the file streamed as text/csv. */
  public JsonObject importRegister(String adminKey, String dataset, Path csv) {
    Response response = join(send("POST", "/vehicles/import?dataset=" + URLEncoder.encode(dataset, StandardCharsets.UTF_8),
        adminKey, "text/csv", () -> {
          try {
            return BodyPublishers.ofFile(csv);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, IMPORT_TIMEOUT));
    require(response, "importing " + dataset);
    return response.json();
  }

  /** Posts each application and then, unless pending, its decision. Counts: applications, decided, failed. */
  public Progress postApplications(String loketKey, List<ApplicationGenerator.Application> applications,
      int concurrency, Consumer<String> out) {
    Progress progress = new Progress(out, "applications", applications.size(), "submitted", "decided", "failed");
    Iterator<ApplicationGenerator.Application> next = applications.iterator();
    bounded(concurrency, () -> {
      if (!next.hasNext()) {
        return null;
      }
      ApplicationGenerator.Application application = next.next();
      return postJson("/exemptions", loketKey, application.request()).thenCompose(created -> {
        if (!created.ok()) {
          failed(progress, 2, created, "POST /exemptions");
          return CompletableFuture.completedFuture(null);
        }
        progress.add(0, 1);
        if (application.pending()) {
          return CompletableFuture.completedFuture(null);
        }
        String id = created.json().getString("id");
        return postJson("/exemptions/" + id + "/decision", loketKey, application.decision()).thenAccept(decided -> {
          if (decided.ok()) {
            progress.add(1, 1);
          } else {
            failed(progress, 2, decided, "POST /exemptions/{id}/decision");
          }
        });
      });
    });
    progress.done();
    return progress;
  }

  /** Counts: granted, refused (409: the yearly limit or twice the same day), failed. */
  public Progress postDayExemptions(String loketKey, List<JsonObject> requests, int concurrency, Consumer<String> out) {
    Progress progress = new Progress(out, "day exemptions", requests.size(), "granted", "refused", "failed");
    Iterator<JsonObject> next = requests.iterator();
    bounded(concurrency, () -> next.hasNext()
        ? postJson("/day-exemptions", loketKey, next.next()).thenAccept(r -> {
          if (r.ok()) {
            progress.add(0, 1);
          } else if (r.status() == 409) {
            progress.add(1, 1);
          } else {
            failed(progress, 2, r, "POST /day-exemptions");
          }
        })
        : null);
    progress.done();
    return progress;
  }

  /**
   * Posts the batches of several municipalities, taking a batch from each in turn, each with its
   * municipality's key. Counts: accepted, duplicates, rejected items, failed batches.
   *
   * @param keys municipality code → key
   * @param onResponse sees every batch response (for latency histograms); may be null
   */
  public Progress postPassages(Map<String, String> keys, List<PassageGenerator.PassageStream> streams, long expected,
      int concurrency, Consumer<String> out, Consumer<Response> onResponse) {
    Progress progress = new Progress(out, "passages", expected, "accepted", "duplicates", "rejected", "failed batches");
    List<PassageGenerator.PassageStream> open = new ArrayList<>(streams);
    int[] turn = {0};
    bounded(concurrency, () -> {
      while (!open.isEmpty()) {
        int at = turn[0]++ % open.size();
        PassageGenerator.PassageStream stream = open.get(at);
        if (!stream.hasNext()) {
          open.remove(at);
          continue;
        }
        String key = keys.get(stream.municipality().code());
        return postJson("/passages", key, stream.next()).thenAccept(r -> {
          if (onResponse != null) {
            onResponse.accept(r);
          }
          if (r.status() == 202 || r.ok()) {
            JsonObject result = r.json();
            progress.add(1, result.getLong("duplicates", 0L));
            progress.add(2, result.getJsonArray("rejected", new JsonArray()).size());
            progress.add(0, result.getLong("accepted", 0L));
          } else {
            failed(progress, 3, r, "POST /passages");
          }
        });
      }
      return null;
    });
    progress.done();
    return progress;
  }

  /** The first failures: status and problem type/title, never a body that could hold a plate. */
  public List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  private void failed(Progress progress, int index, Response response, String what) {
    progress.add(index, 1);
    if (problems.size() < 10) {
      String type = "";
      try {
        JsonObject problem = response.json();
        type = problem.getString("type", "") + " " + problem.getString("title", "");
      } catch (RuntimeException e) {
        type = "(no problem+json)";
      }
      problems.add(what + " → " + response.status() + " " + type.trim());
    }
  }

  /**
   * Runs tasks from {@code next} (null when there are no more) with at most {@code concurrency} in flight,
   * and returns when all have finished. {@code next} is only ever called from this thread.
   */
  public static void bounded(int concurrency, Supplier<CompletableFuture<?>> next) {
    Semaphore slots = new Semaphore(concurrency);
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    try {
      while (errors.isEmpty()) {
        slots.acquire();
        CompletableFuture<?> task = next.get();
        if (task == null) {
          slots.release();
          break;
        }
        task.whenComplete((r, e) -> {
          if (e != null) {
            errors.add(e);
          }
          slots.release();
        });
      }
      slots.acquire(concurrency);
      slots.release(concurrency);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (!errors.isEmpty()) {
      Throwable error = errors.get(0);
      throw new IllegalStateException("a request failed: " + error.getMessage(),
          error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
    }
  }

  private static Response join(CompletableFuture<Response> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("request failed: " + e.getCause(), e.getCause());
    }
  }

  private static void require(Response response, String what) {
    if (!response.ok()) {
      String detail;
      try {
        JsonObject problem = response.json();
        detail = problem.getString("title", "") + " " + problem.getString("detail", "");
      } catch (RuntimeException e) {
        detail = "";
      }
      throw new IllegalStateException(what + ": HTTP " + response.status() + " " + detail.trim());
    }
  }
}
