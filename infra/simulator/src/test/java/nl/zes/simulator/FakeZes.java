package nl.zes.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for ZES's public API on 127.0.0.1, just enough to drive the simulator and the benchmark drivers
 * without the services: it checks keys and shapes, counts what it receives and answers as API.md says.
 */
final class FakeZes implements AutoCloseable {

  static final String ADMIN_KEY = "admin-test-key";

  final Map<String, String> keys = new ConcurrentHashMap<>();
  final Map<String, Set<String>> passageIds = new ConcurrentHashMap<>();
  final AtomicLong importedLines = new AtomicLong();
  final AtomicInteger exemptions = new AtomicInteger();
  final AtomicInteger decisions = new AtomicInteger();
  final AtomicInteger dayExemptions = new AtomicInteger();
  final AtomicInteger oversizedBatches = new AtomicInteger();
  final AtomicBoolean refuseFirstPassageBatch = new AtomicBoolean(true);
  private final Vertx vertx;
  private final HttpServer server;

  FakeZes() throws Exception {
    vertx = Vertx.vertx();
    keys.put(ADMIN_KEY, "admin");
    Router router = Router.router(vertx);
    router.get("/health/ready").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.post("/api/v1/vehicles/import").handler(this::importCsv);
    router.route("/api/v1/*").handler(BodyHandler.create());
    router.post("/api/v1/admin/api-keys").handler(this::createKey);
    router.get("/api/v1/municipalities").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .end(municipalities()));
    router.post("/api/v1/exemptions").handler(ctx -> {
      exemptions.incrementAndGet();
      ctx.response().setStatusCode(201);
      ctx.json(new JsonObject().put("id", "ex-" + exemptions.get()).put("status", "PENDING"));
    });
    router.post("/api/v1/exemptions/:id/decision").handler(ctx -> {
      decisions.incrementAndGet();
      ctx.json(new JsonObject().put("id", ctx.pathParam("id"))
          .put("status", ctx.body().asJsonObject().getString("outcome")));
    });
    router.post("/api/v1/day-exemptions").handler(ctx -> {
      dayExemptions.incrementAndGet();
      ctx.response().setStatusCode(201);
      ctx.json(new JsonObject().put("id", "day-" + dayExemptions.get()));
    });
    router.post("/api/v1/passages").handler(this::passages);
    router.get("/api/v1/access").handler(ctx -> ctx.json(new JsonObject().put("plate", ctx.queryParam("plate").get(0))
        .put("allowed", true).put("basis", "ZERO_EMISSION").put("rule", "ZERO_EMISSION")));
    router.get("/api/v1/reports/compliance").handler(ctx -> ctx.json(new JsonObject()
        .put("municipalities", new JsonArray())));
    router.get("/api/v1/reports/monitoring").handler(ctx -> ctx.json(new JsonObject()
        .put("compliance", new JsonObject().put("municipalities", new JsonArray()))));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  long passages() {
    return passageIds.values().stream().mapToLong(Set::size).sum();
  }

  private String role(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    return header == null ? null : keys.get(header.replace("Bearer ", ""));
  }

  private void createKey(RoutingContext ctx) {
    if (!"admin".equals(role(ctx))) {
      ctx.response().setStatusCode(403).end();
      return;
    }
    JsonObject body = ctx.body().asJsonObject();
    String key = "key-" + keys.size();
    String role = body.getString("role");
    keys.put(key, "municipality".equals(role) ? "municipality:" + body.getString("municipality") : role);
    ctx.response().setStatusCode(201);
    ctx.json(new JsonObject().put("id", key).put("key", key).put("role", role)
        .put("municipality", body.getString("municipality")));
  }

  private void importCsv(RoutingContext ctx) {
    if (!"admin".equals(role(ctx)) || !ctx.request().getHeader("Content-Type").startsWith("text/csv")) {
      ctx.response().setStatusCode(403).end();
      return;
    }
    AtomicLong lines = new AtomicLong();
    ctx.request().handler(buffer -> {
      for (int i = 0; i < buffer.length(); i++) {
        if (buffer.getByte(i) == '\n') {
          lines.incrementAndGet();
        }
      }
    });
    ctx.request().endHandler(v -> {
      importedLines.addAndGet(lines.get() - 1);
      ctx.json(new JsonObject().put("imported", lines.get() - 1).put("rejected", new JsonArray()));
    });
  }

  private void passages(RoutingContext ctx) {
    String role = role(ctx);
    if (role == null || !role.startsWith("municipality:")) {
      ctx.response().setStatusCode(403).end();
      return;
    }
    if (refuseFirstPassageBatch.getAndSet(false)) {
      ctx.response().setStatusCode(429).putHeader("Retry-After", "1").end();
      return;
    }
    JsonArray items = ctx.body().asJsonObject().getJsonArray("passages");
    if (items.size() > 1_000) {
      oversizedBatches.incrementAndGet();
    }
    Set<String> ids = passageIds.computeIfAbsent(role.substring("municipality:".length()),
        k -> ConcurrentHashMap.newKeySet());
    Set<String> inBatch = new HashSet<>();
    int accepted = 0;
    for (int i = 0; i < items.size(); i++) {
      String id = items.getJsonObject(i).getString("id");
      if (inBatch.add(id) && ids.add(id)) {
        accepted++;
      }
    }
    ctx.response().setStatusCode(202);
    ctx.json(new JsonObject().put("accepted", accepted).put("duplicates", items.size() - accepted)
        .put("rejected", new JsonArray()));
  }

  private static String municipalities() {
    try (InputStream in = FakeZes.class.getResourceAsStream("/municipalities.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
