package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.zes.testkit.TestInfra;

/**
 * Only the gateway, deployed in a Vert.x instance with metrics, against the test kit's real PostgreSQL; requests
 * are made from the test thread and awaited.
 */
final class GatewayFixture implements AutoCloseable {

  static final String ADMIN_KEY = "zes_test_bootstrap_admin_key_0123456789abcdef";

  final Vertx vertx;
  final TestInfra infra;
  final WebClient client;
  final Map<String, String> env;
  private final GatewayVerticle gateway;

  private GatewayFixture(Vertx vertx, TestInfra infra, Map<String, String> env, GatewayVerticle gateway) {
    this.vertx = vertx;
    this.infra = infra;
    this.env = env;
    this.gateway = gateway;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
  }

  static GatewayFixture start(TestInfra infra, Map<String, String> extraEnv) {
    Vertx vertx = Metrics.vertxBuilder(new VertxOptions()).build();
    Map<String, String> env = new HashMap<>(infra.env());
    env.put("ZES_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
    env.putAll(extraEnv);
    GatewayVerticle gateway = new GatewayVerticle(GatewayConfig.fromEnv(env));
    await(vertx.deployVerticle(gateway));
    return new GatewayFixture(vertx, infra, env, gateway);
  }

  /** Another gateway instance on the same database (as a second process would be). */
  GatewayVerticle deployAnother() {
    GatewayVerticle another = new GatewayVerticle(GatewayConfig.fromEnv(env));
    await(vertx.deployVerticle(another));
    return another;
  }

  int port() {
    return gateway.actualPort();
  }

  GatewayVerticle gateway() {
    return gateway;
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, String key) {
    return send(port(), method, path, key, null, null);
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, String key, String contentType, Buffer body) {
    return send(port(), method, path, key, contentType, body);
  }

  HttpResponse<Buffer> send(int port, HttpMethod method, String path, String key, String contentType, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path);
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return await(body == null ? request.send() : request.sendBuffer(body));
  }

  HttpResponse<Buffer> postJson(String path, String key, JsonObject body) {
    return send(HttpMethod.POST, path, key, "application/json", body.toBuffer());
  }

  /** Creates a key through the API with the bootstrap admin key; the answer has {@code id} and {@code key}. */
  JsonObject createKey(String role, String municipality) {
    JsonObject request = new JsonObject().put("role", role).put("name", "test " + role);
    if (municipality != null) {
      request.put("municipality", municipality);
    }
    HttpResponse<Buffer> response = postJson("/api/v1/admin/api-keys", ADMIN_KEY, request);
    if (response.statusCode() != 201) {
      throw new AssertionError("creating a " + role + " key: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  String apiKeyRows() {
    return infra.psql("SELECT count(*) || '/' || count(revoked_at) FROM gateway.api_key").trim();
  }

  /** Waits (bounded) for a result on the test thread. */
  static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 60 s", e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
