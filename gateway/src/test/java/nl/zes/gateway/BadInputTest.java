package nl.zes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One error language, fuzzed: every bad request gets a 4xx {@code application/problem+json} without a stack
 * trace, the process stays healthy and nothing is written.
 */
@ExtendWith(ZesInfraExtension.class)
class BadInputTest {

  private static final String KEYS = "/api/v1/admin/api-keys";
  private static final String ADMIN = GatewayFixture.ADMIN_KEY;
  private static GatewayFixture gw;
  private String rowsBefore;

  @BeforeAll
  static void start(TestInfra infra) {
    gw = GatewayFixture.start(infra, Map.of());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @BeforeEach
  void countRows() {
    rowsBefore = gw.apiKeyRows();
  }

  @AfterEach
  void healthyAndNothingWritten() {
    assertThat(gw.send(HttpMethod.GET, "/health/live", null).statusCode()).isEqualTo(200);
    assertThat(gw.apiKeyRows()).isEqualTo(rowsBefore);
  }

  @Test
  void unknownPathsAre404() {
    for (String path : List.of("/api/v1/nope", "/api/v1", "/api/v1/", "/nope", "/api/v2/municipalities", "/api/v1/municipalities/GM0363/zones")) {
      assertProblem(gw.send(HttpMethod.GET, path, ADMIN), 404);
    }
    assertProblem(gw.send(HttpMethod.GET, "/api/v1/nope", null), 404);
  }

  @Test
  void wrongMethodsAre405WithAllow() {
    HttpResponse<Buffer> response = gw.send(HttpMethod.PATCH, "/api/v1/municipalities", ADMIN);
    assertProblem(response, 405);
    assertThat(response.getHeader("Allow")).isEqualTo("GET");
    assertProblem(gw.send(HttpMethod.POST, "/api/v1/exemptions/status", ADMIN, "application/json", Buffer.buffer("{}")), 405);
    assertProblem(gw.send(HttpMethod.GET, KEYS, ADMIN), 405);
    assertProblem(gw.send(HttpMethod.POST, "/health/live", null), 405);
  }

  @Test
  void malformedJsonIs400() {
    byte[] random = new byte[4096];
    new Random(42).nextBytes(random);
    List<Buffer> bodies = List.of(Buffer.buffer(), Buffer.buffer("{\"role\":\"loket\",\"name\":"), Buffer.buffer("[]"),
        Buffer.buffer("null"), Buffer.buffer("\"text\""), Buffer.buffer("{\"role\":\"loket\"} trailing"), Buffer.buffer(random),
        Buffer.buffer("{\"role\":\"loket\",\"name\":\"x\"".repeat(3)));
    for (Buffer body : bodies) {
      assertProblem(gw.send(HttpMethod.POST, KEYS, ADMIN, "application/json", body), 400);
    }
  }

  @Test
  void deeplyNestedJsonIs400() {
    String nested = "{\"role\":\"loket\",\"name\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
    assertProblem(gw.send(HttpMethod.POST, KEYS, ADMIN, "application/json", Buffer.buffer(nested)), 400);
  }

  @Test
  void hugeStringsAre400() {
    String huge = "{\"role\":\"loket\",\"name\":\"" + "x".repeat(25_000_000) + "\"}";
    assertProblem(gw.send(HttpMethod.POST, KEYS, ADMIN, "application/json", Buffer.buffer(huge)), 400);
  }

  @Test
  void invalidUtf8Is400() {
    Buffer body = Buffer.buffer("{\"role\":\"loket\",\"name\":\"").appendBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3})
        .appendString("\"}");
    assertProblem(gw.send(HttpMethod.POST, KEYS, ADMIN, "application/json", body), 400);
  }

  @Test
  void wrongOrMissingMediaTypeIs415() {
    Buffer body = new JsonObject().put("role", "loket").put("name", "x").toBuffer();
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null}) {
      assertProblem(gw.send(HttpMethod.POST, KEYS, ADMIN, type, body), 415);
    }
    assertProblem(gw.send(HttpMethod.POST, "/api/v1/vehicles/import?dataset=vehicles", ADMIN, "application/json", body), 415);
  }

  @Test
  void anImportRefusedBeforeItsSmallBodyIsReadStillGetsItsAnswer() {
    Buffer body = Buffer.buffer("kenteken,voertuigsoort\nAB123C,Bedrijfsauto\n");
    for (int i = 0; i < 200; i++) {
      assertProblem(gw.send(HttpMethod.POST, "/api/v1/vehicles/import", ADMIN, "text/csv", body), 400);
    }
  }

  @Test
  void oversizeBodiesAre413() {
    Buffer body = Buffer.buffer("{\"role\":\"loket\",\"name\":\"").appendBuffer(Buffer.buffer(new byte[33 * 1024 * 1024]))
        .appendString("\"}");
    assertProblem(gw.send(HttpMethod.POST, KEYS, ADMIN, "application/json", body), 413);
  }

  @Test
  void pathTraversalFindsNothing() {
    for (String path : List.of("/api/v1/../../../etc/passwd", "/docs/../../../../etc/passwd", "/docs/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/docs/..%2f..%2f..%2fetc%2fpasswd", "/openapi.yaml/../../pom.xml", "/api/v1/%2e%2e/health/live")) {
      HttpResponse<Buffer> response = gw.send(HttpMethod.GET, path, ADMIN);
      assertThat(response.bodyAsString()).as(path).doesNotContain("root:");
      assertProblem(response, response.statusCode());
      assertThat(response.statusCode()).as(path).isBetween(400, 499);
    }
    assertProblem(gw.send(HttpMethod.DELETE, KEYS + "/..%2f..%2fhealth", ADMIN), 404);
  }

  @Test
  void sqlMetacharactersInQueryParametersNeverReachTheDatabaseAsSql() {
    String municipalityKey = gw.createKey("municipality", "GM0363").getString("key");
    rowsBefore = gw.apiKeyRows();
    List<String> nasty = List.of("' OR '1'='1", "1; DROP TABLE gateway.api_key;--", "\"; DELETE FROM gateway.api_key; --", "%00", "$1", "\\'");
    for (OpenApiSpec.Operation op : OpenApiSpec.load().apiOperations()) {
      if (!op.method().equals("GET") || op.queryParameters().isEmpty()) {
        continue;
      }
      for (String value : nasty) {
        StringBuilder query = new StringBuilder();
        for (String name : op.queryParameters()) {
          query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        String path = "/api/v1" + op.samplePath() + query;
        HttpResponse<Buffer> response = gw.send(HttpMethod.GET, path, op.roles().contains("municipality") ? municipalityKey : ADMIN);
        assertProblem(response, response.statusCode());
        if (op.queryParameters().contains("municipality") && op.roles().contains("municipality")) {
          assertThat(response.statusCode()).as(path).isEqualTo(403);
        }
      }
    }
  }

  @Test
  void malformedQueryStringsAndPathsAre400Or404() {
    assertProblem(gw.send(HttpMethod.GET, "/api/v1/reports/compliance?municipality=%ff%fe&from=%", ADMIN), 400);
    assertProblem(gw.send(HttpMethod.GET, "/api/v1/vehicles/%zz", ADMIN), 400);
    assertProblem(gw.send(HttpMethod.GET, "/api/v1/vehicles/%", ADMIN), 400);
  }

  @Test
  void headerInjectionIsNotEchoed() {
    String answer = raw("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Correlation-Id: abc%0d%0aSet-Cookie:%20evil=1\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("set-cookie").doesNotContain("evil");
    String folded = raw("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Correlation-Id: abc\rSet-Cookie: evil=1\r\nConnection: close\r\n\r\n");
    assertThat(folded).doesNotContainIgnoringCase("set-cookie");
    String badLine = raw("GET /health/live\u0000 HTTP/1.1 junk\r\nHost: x\r\n\r\n");
    assertThat(badLine).matches("(?s)HTTP/1\\.[01] 400 .*").contains("application/problem+json");
    String longHeader = raw("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    assertThat(longHeader).matches("(?s)HTTP/1\\.[01] 431 .*").contains("application/problem+json");
    String longLine = raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(longLine).matches("(?s)HTTP/1\\.[01] 414 .*").contains("application/problem+json");
  }

  @Test
  void randomBytesOnTheSocketAreAnsweredOrDropped() {
    byte[] random = new byte[8192];
    new Random(7).nextBytes(random);
    String answer = raw(new String(random, StandardCharsets.ISO_8859_1));
    assertThat(answer).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static String raw(String request) {
    Promise<String> answer = Promise.promise();
    Future<NetSocket> connected = gw.vertx.createNetClient().connect(gw.port(), "127.0.0.1");
    connected.onSuccess(socket -> {
      Buffer received = Buffer.buffer();
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> answer.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
      socket.exceptionHandler(e -> answer.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
      socket.write(Buffer.buffer(request.getBytes(StandardCharsets.ISO_8859_1)));
      gw.vertx.setTimer(5_000, id -> socket.close());
    }).onFailure(answer::fail);
    return GatewayFixture.await(answer.future());
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.statusCode()).isNotEqualTo(500);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).startsWith("/problems/");
    assertThat(problem.encode()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
