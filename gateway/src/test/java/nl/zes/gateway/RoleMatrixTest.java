package nl.zes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint of docs/openapi.yaml × every kind of caller, with the operation's {@code x-roles} as the oracle:
 * no key and a revoked key → 401; a role not listed → 403; a municipality key naming another municipality in
 * the {@code municipality} query parameter → 403; a listed role → past the gateway's door (neither 401 nor 403;
 * what the service then answers is the service's business, and no service runs in this test).
 */
@ExtendWith(ZesInfraExtension.class)
class RoleMatrixTest {

  private static final String OWN = "GM0363";
  private static GatewayFixture gw;
  private static final Map<String, String> KEYS = new LinkedHashMap<>();
  private static String revoked;
  private static String otherMunicipality;

  @BeforeAll
  static void start(TestInfra infra) {
    gw = GatewayFixture.start(infra, Map.of());
    KEYS.put("admin", GatewayFixture.ADMIN_KEY);
    KEYS.put("loket", gw.createKey("loket", null).getString("key"));
    KEYS.put("municipality", gw.createKey("municipality", OWN).getString("key"));
    KEYS.put("reporting", gw.createKey("reporting", null).getString("key"));
    otherMunicipality = gw.createKey("municipality", "GM0599").getString("key");
    JsonObject toRevoke = gw.createKey("admin", null);
    assertThat(gw.send(HttpMethod.DELETE, "/api/v1/admin/api-keys/" + toRevoke.getString("id"), GatewayFixture.ADMIN_KEY).statusCode())
        .isEqualTo(204);
    revoked = toRevoke.getString("key");
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void everyEndpointTimesEveryCaller() {
    List<OpenApiSpec.Operation> operations = OpenApiSpec.load().apiOperations();
    assertThat(operations).hasSizeGreaterThanOrEqualTo(23);
    SoftAssertions softly = new SoftAssertions();
    List<String> matrix = new ArrayList<>();
    for (OpenApiSpec.Operation op : operations) {
      StringBuilder row = new StringBuilder(String.format("%-6s %-32s", op.method(), op.path()));
      for (Map.Entry<String, String> caller : KEYS.entrySet()) {
        int status = call(op, caller.getValue()).statusCode();
        row.append(String.format(" %s=%d", caller.getKey(), status));
        if (op.roles().contains(caller.getKey())) {
          softly.assertThat(status).as("%s %s as %s", op.method(), op.path(), caller.getKey()).isNotIn(401, 403);
        } else {
          softly.assertThat(status).as("%s %s as %s", op.method(), op.path(), caller.getKey()).isEqualTo(403);
        }
      }
      int none = call(op, null).statusCode();
      int gone = call(op, revoked).statusCode();
      softly.assertThat(none).as("%s %s without a key", op.method(), op.path()).isEqualTo(401);
      softly.assertThat(gone).as("%s %s with a revoked key", op.method(), op.path()).isEqualTo(401);
      int other = call(op, otherMunicipality).statusCode();
      boolean scoped = op.queryParameters().contains("municipality") && op.roles().contains("municipality");
      if (scoped || !op.roles().contains("municipality")) {
        softly.assertThat(other).as("%s %s with another municipality's key", op.method(), op.path()).isEqualTo(403);
      }
      matrix.add(row.append(String.format(" none=%d revoked=%d otherMunicipality=%d", none, gone, other)).toString());
    }
    System.out.println(String.join("\n", matrix));
    softly.assertAll();
  }

  @Test
  void aMunicipalityKeyMayNameItsOwnMunicipalityOnlyEvenWhenRepeated() {
    String key = KEYS.get("municipality");
    assertThat(gw.send(HttpMethod.GET, "/api/v1/reports/compliance?from=2026-01-01&to=2026-02-28", key).statusCode()).isNotIn(401, 403);
    assertThat(gw.send(HttpMethod.GET, "/api/v1/reports/compliance?from=2026-01-01&to=2026-02-28&municipality=GM0363", key).statusCode())
        .isNotIn(401, 403);
    assertThat(gw.send(HttpMethod.GET, "/api/v1/reports/compliance?municipality=GM0363&municipality=GM0599", key).statusCode()).isEqualTo(403);
    assertThat(gw.send(HttpMethod.GET, "/api/v1/violations?municipality=gm0363", key).statusCode()).isEqualTo(403);
    assertThat(gw.send(HttpMethod.GET, "/api/v1/reports/monitoring?municipality=GM0599", GatewayFixture.ADMIN_KEY).statusCode())
        .isNotIn(401, 403);
  }

  private static HttpResponse<Buffer> call(OpenApiSpec.Operation op, String key) {
    String path = "/api/v1" + op.samplePath() + (op.queryParameters().contains("municipality") ? "?municipality=" + OWN : "");
    if (op.requestMediaTypes().isEmpty()) {
      return gw.send(HttpMethod.valueOf(op.method()), path, key);
    }
    String mediaType = op.requestMediaTypes().get(0);
    Buffer body = Buffer.buffer(mediaType.equals("text/csv") ? "id,zone,camera,timestamp,plate\n" : "{}");
    return gw.send(HttpMethod.valueOf(op.method()), path, key, mediaType, body);
  }
}
