package nl.zes.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole suite, as its users meet it: the admin imports an RDW-shaped register, the Loket grants an
 * exemption, a municipality posts a mixed morning of passages, and each gets the verdict DOMAIN.md prescribes;
 * violations, tenancy, privacy and the compliance report follow.
 */
@ExtendWith(ZesInfraExtension.class)
class EndToEndTest {

  private static final String UTRECHT = "GM0344";
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static Vertx vertx;
  private static WebClient http;
  private static SuiteUnderTest suite;
  private static TestInfra infra;

  @BeforeAll
  static void startSuite(TestInfra testInfra) {
    infra = testInfra;
    vertx = Vertx.vertx();
    suite = new SuiteUnderTest(vertx, infra);
    await(suite.deploy());
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(suite.httpPort()));
  }

  @AfterAll
  static void stopSuite() {
    await(vertx.close());
  }

  @Test
  void aMixedMorningOfPassagesGetsTheVerdictsOfTheRules() throws Exception {
    String admin = SuiteUnderTest.ADMIN_KEY;
    String loket = createKey(admin, "loket", null);
    String utrecht = createKey(admin, "municipality", UTRECHT);
    String amsterdam = createKey(admin, "municipality", "GM0363");
    String reporting = createKey(admin, "reporting", null);

    JsonObject vehicles = importCsv(admin, "vehicles", "e2e/vehicles.csv");
    assertThat(vehicles.getInteger("imported")).isEqualTo(5);
    assertThat(importCsv(admin, "fuels", "e2e/fuels.csv").getInteger("imported")).isEqualTo(5);
    JsonObject van = send(get("/vehicles/VDK-56-L", loket)).bodyAsJsonObject();
    assertThat(van.getString("plate")).isEqualTo("VDK56L");
    assertThat(van.getString("kind")).isEqualTo("VAN");
    assertThat(van.getBoolean("zeroEmission")).isFalse();

    HttpResponse<Buffer> created = send(post("/exemptions", loket), new JsonObject()
        .put("plate", "bzg-34-k").put("type", "PRIVATE_USE").put("applicant", new JsonObject().put("name", "Bakkerij Test"))
        .put("requestedFrom", "2025-10-01").put("submittedAt", "2025-09-15T10:00:00+02:00"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String exemptionId = created.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> decided = send(post("/exemptions/" + exemptionId + "/decision", loket),
        new JsonObject().put("outcome", "GRANTED").put("decidedAt", "2025-09-20T10:00:00+02:00"));
    assertThat(decided.statusCode()).as(decided.bodyAsString()).isEqualTo(200);

    JsonArray passages = new JsonArray()
        .add(passage("e2e-1", "BX-F12-T", "NL", "2025-11-03T09:00:00+01:00"))
        .add(passage("e2e-2", "BXF12T", "NL", "2025-11-03T11:00:00+01:00"))
        .add(passage("e2e-3", "BZG34K", "NL", "2025-11-03T09:05:00+01:00"))
        .add(passage("e2e-4", "vdk-56-l", "NL", "2025-11-03T09:10:00+01:00"))
        .add(passage("e2e-5", "VNB78S", "NL", "2025-11-03T09:15:00+01:00"))
        .add(passage("e2e-6", "1-ABC-23", "NL", "2025-11-03T09:20:00+01:00"))
        .add(passage("e2e-7", "GHJ99X", "NL", "2025-11-03T09:25:00+01:00"))
        .add(passage("e2e-8", "1ABC123", "BE", "2025-11-03T09:30:00+01:00"))
        .add(passage("e2e-9", "??", "NL", "2025-11-03T09:35:00+01:00"));
    HttpResponse<Buffer> posted = send(post("/passages", utrecht), new JsonObject().put("passages", passages));
    assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(202);
    assertThat(posted.bodyAsJsonObject().getInteger("accepted")).isEqualTo(8);
    assertThat(posted.bodyAsJsonObject().getJsonArray("rejected")).hasSize(1);
    assertThat(posted.bodyAsJsonObject().getJsonArray("rejected").getJsonObject(0).getString("id")).isEqualTo("e2e-9");

    HttpResponse<Buffer> again = send(post("/passages", utrecht), new JsonObject().put("passages",
        new JsonArray().add(passage("e2e-1", "BXF12T", "NL", "2025-11-03T09:00:00+01:00"))));
    assertThat(again.bodyAsJsonObject().getInteger("duplicates")).isEqualTo(1);
    assertThat(again.bodyAsJsonObject().getInteger("accepted")).isZero();

    Map<String, String> expected = Map.of("e2e-1", "FINE", "e2e-2", "REPEAT", "e2e-3", "ALLOWED", "e2e-4", "ALLOWED",
        "e2e-5", "ALLOWED", "e2e-6", "ALLOWED", "e2e-7", "UNRESOLVED", "e2e-8", "NOT_ENFORCEABLE");
    Map<String, JsonObject> verdicts = new HashMap<>();
    for (String id : expected.keySet()) {
      verdicts.put(id, awaitVerdict(id, utrecht));
    }
    expected.forEach((id, verdict) -> assertThat(verdicts.get(id).getString("verdict")).as(id).isEqualTo(verdict));
    assertThat(verdicts.get("e2e-1").getString("plate")).isEqualTo("BXF12T");
    assertThat(verdicts.get("e2e-3").getString("basis")).isEqualTo("EXEMPTION");
    assertThat(verdicts.get("e2e-3").getString("plate")).isNull();
    assertThat(verdicts.get("e2e-4").getString("basis")).isEqualTo("TRANSITION");
    assertThat(verdicts.get("e2e-4").getString("rule")).isEqualTo("VAN_EK6");
    assertThat(verdicts.get("e2e-5").getString("basis")).isEqualTo("ZERO_EMISSION");
    assertThat(verdicts.get("e2e-6").getString("basis")).isEqualTo("NOT_IN_SCOPE");

    JsonArray violations = send(get("/violations?from=2025-11-03&to=2025-11-03", utrecht)).bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(violations).hasSize(1);
    assertThat(violations.getJsonObject(0).getString("plate")).isEqualTo("BXF12T");
    assertThat(violations.getJsonObject(0).getString("kind")).isEqualTo("FINE");
    assertThat(violations.getJsonObject(0).getInteger("fineAmountEur")).isEqualTo(310);

    assertThat(send(get("/passages/e2e-1", amsterdam)).statusCode()).isIn(403, 404);
    assertThat(send(get("/violations?from=2025-11-03&to=2025-11-03", amsterdam)).bodyAsJsonObject()
        .getJsonArray("items")).isEmpty();

    for (String allowedPlate : List.of("BZG34K", "VDK56L", "VNB78S", "1ABC23")) {
      assertThat(plateOccurrencesInSchema("passages", allowedPlate)).as(allowedPlate).isZero();
    }

    JsonObject utrechtRow = awaitComplianceRow(reporting, 5);
    assertThat(utrechtRow.getInteger("fines")).isEqualTo(1);
    assertThat(utrechtRow.getInteger("repeats")).isEqualTo(1);
    assertThat(utrechtRow.getInteger("exempted")).isEqualTo(1);
    assertThat(utrechtRow.getInteger("allowed")).isEqualTo(2);
    assertThat(utrechtRow.getInteger("warnings")).isZero();
    assertThat(utrechtRow.getInteger("notEnforceable")).isEqualTo(1);
    assertThat(utrechtRow.getInteger("unresolved")).isEqualTo(1);
    assertThat(utrechtRow.getDouble("complianceRate")).isEqualTo(0.8);
  }

  private static JsonObject passage(String id, String plate, String country, String timestamp) {
    return new JsonObject().put("id", id).put("zone", "utrecht-centrum").put("camera", "cam-1")
        .put("timestamp", timestamp).put("plate", plate).put("country", country);
  }

  private JsonObject awaitVerdict(String id, String key) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<Buffer> response = send(get("/passages/" + id, key));
      if (response.statusCode() == 200) {
        last = response.bodyAsJsonObject();
        if (!"PENDING".equals(last.getString("verdict"))) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no verdict for " + id + " in time; last: " + last);
  }

  private JsonObject awaitComplianceRow(String key, int passages) throws InterruptedException {
    long deadline = System.nanoTime() + BOUND.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<Buffer> response = send(get("/reports/compliance?from=2025-11-03&to=2025-11-03", key));
      if (response.statusCode() == 200) {
        for (Object row : response.bodyAsJsonObject().getJsonArray("municipalities")) {
          JsonObject municipality = (JsonObject) row;
          if (UTRECHT.equals(municipality.getString("code"))) {
            last = municipality;
            if (municipality.getInteger("passages") == passages
                && municipality.getInteger("notEnforceable") + municipality.getInteger("unresolved") == 2) {
              return municipality;
            }
          }
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("compliance row not complete in time; last: " + last);
  }

  private long plateOccurrencesInSchema(String schema, String plate) {
    String tables = infra.psql("SELECT string_agg(table_name, ' ') FROM information_schema.tables WHERE table_schema = '"
        + schema + "' AND table_type = 'BASE TABLE'").trim();
    long count = 0;
    for (String table : tables.split(" ")) {
      if (!table.isBlank()) {
        count += Long.parseLong(infra.psql("SELECT count(*) FROM " + schema + "." + table + " t WHERE t::text LIKE '%"
            + plate + "%'").trim());
      }
    }
    return count;
  }

  private String createKey(String admin, String role, String municipality) {
    JsonObject body = new JsonObject().put("role", role).put("name", "e2e " + role);
    if (municipality != null) {
      body.put("municipality", municipality);
    }
    HttpResponse<Buffer> response = send(post("/admin/api-keys", admin), body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("key");
  }

  private JsonObject importCsv(String admin, String dataset, String resource) throws IOException {
    byte[] csv;
    try (InputStream in = EndToEndTest.class.getClassLoader().getResourceAsStream(resource)) {
      csv = in.readAllBytes();
    }
    HttpResponse<Buffer> response = await(post("/vehicles/import?dataset=" + dataset, admin)
        .putHeader("Content-Type", "text/csv").sendBuffer(Buffer.buffer(csv)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static HttpRequest<Buffer> get(String path, String key) {
    return http.get("/api/v1" + path).putHeader("Authorization", "Bearer " + key);
  }

  private static HttpRequest<Buffer> post(String path, String key) {
    return http.post("/api/v1" + path).putHeader("Authorization", "Bearer " + key);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(request.send());
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return await(request.sendJsonObject(body));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
