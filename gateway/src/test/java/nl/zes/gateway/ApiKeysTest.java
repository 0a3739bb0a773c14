package nl.zes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import nl.zes.common.bus.Addresses;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API keys: the bootstrap key, creation (shown once, stored as a hash), validation, revocation on every instance. */
@ExtendWith(ZesInfraExtension.class)
class ApiKeysTest {

  private static final String KEYS = "/api/v1/admin/api-keys";
  private static GatewayFixture gw;

  @BeforeAll
  static void start(TestInfra infra) {
    gw = GatewayFixture.start(infra, Map.of());
    // The exemption-service's list of municipalities, as it answers on the bus.
    gw.vertx.eventBus().consumer(Addresses.EXEMPTIONS_MUNICIPALITIES, message -> message.reply(new JsonObject()
        .put("items", new JsonArray().add(new JsonObject().put("code", "GM0363")).add(new JsonObject().put("code", "GM0599")))));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void aCreatedKeyIsShownOnceStoredAsItsHashAndWorksAtOnce() {
    HttpResponse<Buffer> created = gw.postJson(KEYS, GatewayFixture.ADMIN_KEY,
        new JsonObject().put("role", "municipality").put("municipality", "GM0363").put("name", "Amsterdam cameras"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Cache-Control")).isEqualTo("no-store");
    JsonObject body = created.bodyAsJsonObject();
    assertThat(body.getString("role")).isEqualTo("municipality");
    assertThat(body.getString("municipality")).isEqualTo("GM0363");
    String key = body.getString("key");
    assertThat(key).startsWith("zes_").hasSizeGreaterThanOrEqualTo(4 + 22);

    String stored = gw.infra.psql("SELECT encode(key_hash, 'hex') || '|' || role || '|' || municipality FROM gateway.api_key WHERE id = '"
        + body.getString("id") + "'").trim();
    assertThat(stored).isEqualTo(HexFormat.of().formatHex(ApiKeys.sha256(key)) + "|municipality|GM0363");
    assertThat(gw.infra.psql("SELECT count(*) FROM gateway.api_key WHERE key_hash::text LIKE '%" + key + "%' OR name LIKE '%" + key + "%'").trim())
        .isEqualTo("0");

    assertThat(gw.send(HttpMethod.GET, "/api/v1/municipalities", key).statusCode()).isNotIn(401, 403);
    assertThat(gw.send(HttpMethod.GET, "/api/v1/access?plate=AB123C&municipality=GM0363", key).statusCode()).isNotIn(401, 403);
    assertThat(gw.send(HttpMethod.GET, "/api/v1/access?plate=AB123C&municipality=GM0599", key).statusCode()).isEqualTo(403);
  }

  @Test
  void theBootstrapKeyIsRegisteredOnceHowOftenTheGatewayStarts() {
    gw.deployAnother();
    String rows = gw.infra.psql("SELECT count(*) FROM gateway.api_key WHERE key_hash = sha256('" + GatewayFixture.ADMIN_KEY + "'::bytea)").trim();
    assertThat(rows).isEqualTo("1");
  }

  @Test
  void missingUnknownAndMalformedKeysAre401WithABearerChallenge() {
    for (String key : new String[] {null, "", "zes_unknown", "x".repeat(10_000)}) {
      HttpResponse<Buffer> response = gw.send(HttpMethod.GET, "/api/v1/municipalities", key);
      assertThat(response.statusCode()).as("key %s", key == null ? null : key.length()).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/unauthorized");
    }
    HttpResponse<Buffer> basic = GatewayFixture.await(gw.client.get(gw.port(), "127.0.0.1", "/api/v1/municipalities")
        .putHeader("Authorization", "Basic " + GatewayFixture.ADMIN_KEY).send());
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  @Test
  void aRevokedKeyIs401OnTheNextRequestHereAndSoonOnAnotherInstance() {
    GatewayVerticle other = gw.deployAnother();
    JsonObject created = gw.createKey("loket", null);
    String key = created.getString("key");
    GatewayFixture.await(Await.until(gw.vertx, () -> gw.client.get(other.actualPort(), "127.0.0.1", "/api/v1/vehicles/AB123C")
        .putHeader("Authorization", "Bearer " + key).send(), r -> r.statusCode() != 401, Duration.ofSeconds(10)));

    HttpResponse<Buffer> revoked = gw.send(HttpMethod.DELETE, KEYS + "/" + created.getString("id"), GatewayFixture.ADMIN_KEY);
    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(gw.send(HttpMethod.GET, "/api/v1/vehicles/AB123C", key).statusCode()).isEqualTo(401);
    GatewayFixture.await(Await.until(gw.vertx, () -> gw.client.get(other.actualPort(), "127.0.0.1", "/api/v1/vehicles/AB123C")
        .putHeader("Authorization", "Bearer " + key).send(), r -> r.statusCode() == 401, Duration.ofSeconds(10)));

    assertThat(gw.send(HttpMethod.DELETE, KEYS + "/" + created.getString("id"), GatewayFixture.ADMIN_KEY).statusCode()).isEqualTo(204);
    assertThat(gw.infra.psql("SELECT revoked_at IS NOT NULL FROM gateway.api_key WHERE id = '" + created.getString("id") + "'").trim())
        .isEqualTo("t");
  }

  @Test
  void revokingAnUnknownIdIs404() {
    assertThat(gw.send(HttpMethod.DELETE, KEYS + "/0b6d6f0e-1c3a-4d55-9a53-3f1a2a0d7c11", GatewayFixture.ADMIN_KEY).statusCode()).isEqualTo(404);
    assertThat(gw.send(HttpMethod.DELETE, KEYS + "/not-a-uuid", GatewayFixture.ADMIN_KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void invalidRequestsAre400Or422AndWriteNothing() {
    String before = gw.apiKeyRows();
    assertInvalid(new JsonObject().put("role", "superuser").put("name", "x"), 400, "role");
    assertInvalid(new JsonObject().put("role", "loket"), 400, "name");
    assertInvalid(new JsonObject().put("role", "loket").put("name", " "), 400, "name");
    assertInvalid(new JsonObject().put("role", "municipality").put("name", "x"), 400, "municipality");
    assertInvalid(new JsonObject().put("role", "municipality").put("name", "x").put("municipality", "0363"), 400, "municipality");
    assertInvalid(new JsonObject().put("role", "municipality").put("name", "x").put("municipality", 363), 400, "municipality");
    assertInvalid(new JsonObject().put("role", "municipality").put("name", "x").put("municipality", "GM9999"), 422, "municipality");
    assertInvalid(new JsonObject().put("role", "reporting").put("name", "x").put("municipality", "GM0363"), 422, "municipality");
    assertInvalid(new JsonObject().put("role", 1).put("name", new JsonArray()), 400, "role");
    assertThat(gw.apiKeyRows()).isEqualTo(before);
  }

  @Test
  void onlyAdminKeysManageKeys() {
    for (String role : new String[] {"loket", "reporting"}) {
      String key = gw.createKey(role, null).getString("key");
      assertThat(gw.postJson(KEYS, key, new JsonObject().put("role", "admin").put("name", "x")).statusCode()).isEqualTo(403);
      assertThat(gw.send(HttpMethod.DELETE, KEYS + "/0b6d6f0e-1c3a-4d55-9a53-3f1a2a0d7c11", key).statusCode()).isEqualTo(403);
    }
  }

  private static void assertInvalid(JsonObject request, int status, String field) {
    HttpResponse<Buffer> response = gw.postJson(KEYS, GatewayFixture.ADMIN_KEY, request);
    assertThat(response.statusCode()).as(request.encode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").encode()).contains("\"field\":\"" + field + "\"");
  }
}
