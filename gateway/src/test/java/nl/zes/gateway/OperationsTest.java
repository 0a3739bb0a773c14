package nl.zes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.zes.common.bus.Addresses;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Metrics, correlation ids, event-bus timeouts (504) and the per-key rate limit (429), with a bus timeout of
 * 300 ms and a limit of 1 request a second with a burst of 3.
 */
@ExtendWith(ZesInfraExtension.class)
class OperationsTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start(TestInfra infra) {
    gw = GatewayFixture.start(infra, Map.of("ZES_BUS_TIMEOUT", "300ms", "ZES_RATE_LIMIT_PER_SECOND", "1", "ZES_RATE_LIMIT_BURST", "3"));
    // A municipalities service that never answers.
    gw.vertx.eventBus().consumer(Addresses.EXEMPTIONS_MUNICIPALITIES, message -> { });
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void aServiceThatDoesNotAnswerIs504AndCountedAsAnEventBusTimeout() {
    HttpResponse<Buffer> response = gw.postJson("/api/v1/admin/api-keys", GatewayFixture.ADMIN_KEY,
        new JsonObject().put("role", "municipality").put("municipality", "GM0363").put("name", "x"));
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("/problems/timeout");

    String metrics = gw.send(HttpMethod.GET, "/metrics", null).bodyAsString();
    assertThat(metrics).contains("zes_gateway_bus_failures_total{address=\"exemptions.municipalities.list\",failure=\"timeout\"}");
  }

  @Test
  void metricsShowHttpRequestsByRouteAndStatusWithLatencyHistograms() {
    gw.send(HttpMethod.GET, "/api/v1/municipalities", null);
    HttpResponse<Buffer> response = gw.send(HttpMethod.GET, "/metrics", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    String metrics = response.bodyAsString();
    assertThat(metrics).containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"401\"[^}]*method=\"GET\"[^}]*route=\"[^\"]*\"");
    assertThat(metrics).containsPattern("vertx_http_server_response_time_seconds_bucket\\{[^}]*route=\"/health/live\"|vertx_http_server_response_time_seconds_bucket\\{");
    assertThat(metrics).contains("jvm_memory_used_bytes");
  }

  @Test
  void theCorrelationIdIsEchoedWhenSaneAndReplacedOtherwise() {
    HttpResponse<Buffer> given = GatewayFixture.await(gw.client.get(gw.port(), "127.0.0.1", "/health/live")
        .putHeader("X-Correlation-Id", "abc-123").send());
    assertThat(given.getHeader("X-Correlation-Id")).isEqualTo("abc-123");
    HttpResponse<Buffer> replaced = GatewayFixture.await(gw.client.get(gw.port(), "127.0.0.1", "/api/v1/nope")
        .putHeader("X-Correlation-Id", "<script>" + "x".repeat(100)).send());
    assertThat(replaced.getHeader("X-Correlation-Id")).matches("[0-9a-f-]{36}");
  }

  @Test
  void aKeyOverItsRateIs429WithRetryAfterAndOtherKeysAreUnaffected() {
    String limited = gw.createKey("reporting", null).getString("key");
    List<Integer> statuses = new ArrayList<>();
    List<HttpResponse<Buffer>> responses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      HttpResponse<Buffer> response = gw.send(HttpMethod.GET, "/api/v1/municipalities", limited);
      statuses.add(response.statusCode());
      responses.add(response);
    }
    assertThat(statuses).contains(429);
    HttpResponse<Buffer> tooMany = responses.get(statuses.indexOf(429));
    assertThat(tooMany.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(tooMany.bodyAsJsonObject().getString("type")).isEqualTo("/problems/rate-limited");
    assertThat(Integer.parseInt(tooMany.getHeader("Retry-After"))).isBetween(1, 2);

    String other = gw.createKey("reporting", null).getString("key");
    assertThat(gw.send(HttpMethod.GET, "/api/v1/municipalities", other).statusCode()).isNotEqualTo(429);
  }
}
