package nl.zes.exemption.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import nl.zes.exemption.ExemptionConfig;
import nl.zes.exemption.ExemptionVerticle;
import nl.zes.gateway.GatewayConfig;
import nl.zes.gateway.GatewayVerticle;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Through the public API: an RDW-shaped register streamed in through the gateway, then access checks that must
 * give DOMAIN.md's verdicts.
 */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class ExemptionGatewayTest {

  private static final String ADMIN_KEY = "test-admin-key-exemption-gateway-0123456789";
  private static final String SPRING_2026 = "2026-03-02T10:00:00+01:00";
  private static final int BULK_ROWS = 30_000;
  private GatewayVerticle gateway;
  private WebClient client;

  @BeforeEach
  void deploy(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    Map<String, String> env = infra.env();
    env.put("ZES_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
    gateway = new GatewayVerticle(GatewayConfig.fromEnv(env));
    client = WebClient.create(vertx);
    vertx.deployVerticle(new ExemptionVerticle(ExemptionConfig.fromEnv(env)))
        .compose(id -> vertx.deployVerticle(gateway))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anImportedRegisterGivesTheVerdictsOfTheDomain() {
    HttpResponse<Buffer> bulk = importCsv("vehicles", bulkVehicles());
    assertThat(bulk.statusCode()).as(bulk.bodyAsString()).isEqualTo(200);
    JsonObject bulkResult = bulk.bodyAsJsonObject();
    assertThat(bulkResult.getLong("imported")).isEqualTo(BULK_ROWS);
    assertThat(bulkResult.getJsonArray("rejected")).hasSize(2);
    assertThat(bulkResult.getJsonArray("rejected").getJsonObject(0).getLong("line"))
        .as("the physical line where the record starts: each earlier record spans two").isEqualTo(BULK_ROWS + 2);
    assertThat(importCsv("vehicles", bulkVehicles()).bodyAsJsonObject().getLong("imported"))
        .as("idempotent").isEqualTo(BULK_ROWS);

    assertThat(importCsv("vehicles", """
        kenteken,voertuigsoort,europese_voertuigcategorie,inrichting,datum_eerste_toelating,merk
        HB0001,Bedrijfsauto,N1,gesloten opbouw,20190301,"FORD, TRANSIT"
        HB0002,Bedrijfsauto,N1,gesloten opbouw,20120301,FORD
        HB0003,Bedrijfsauto,N1,gesloten opbouw,20080301,FORD
        HB0004,Bedrijfsauto,N1,gesloten opbouw,20220301,FORD
        HB0005,Bedrijfsauto,N3,opleggertrekker,20180301,DAF
        HB0006,Bedrijfsauto,N2,gesloten opbouw,20180301,DAF
        HB0007,Bedrijfsauto,N3,kipper,20150301,DAF
        HB0008,Personenauto,M1,hatchback,20050301,FIAT
        HB0009,Bedrijfsauto,N1,gesloten opbouw,20250301,FORD
        HB0010,Bedrijfsauto,N1,gesloten opbouw,19800101,VW
        HB0011,Bedrijfsauto,N3,kraanwagen,20200301,MAN
        HB0012,Bedrijfsauto,N1,gesloten opbouw,20210301,TOYOTA
        HB0013,Bedrijfsauto,N1,rolstoelbus,20100301,VW
        """).statusCode()).isEqualTo(200);
    assertThat(importCsv("fuels", """
        kenteken,brandstof_volgnummer,brandstof_omschrijving,emissiecode_omschrijving
        HB0001,1,Diesel,6
        HB0002,1,Diesel,EURO 5
        HB0003,1,Diesel,4
        HB0004,1,Elektriciteit,
        HB0005,1,Diesel,VI
        HB0006,1,Diesel,Euro VI
        HB0007,1,Diesel,VI
        HB0008,1,Benzine,6
        HB0009,1,Diesel,6
        HB0010,1,Benzine,
        HB0011,1,Diesel,VI
        HB0012,1,Benzine,6
        HB0012,2,Elektriciteit,
        HB0013,1,Diesel,4
        """).bodyAsJsonObject().getLong("imported")).isEqualTo(14L);
    assertThat(importCsv("bodies", """
        kenteken,carrosseriecode,carrosserietype
        HB0011,26,
        HB0013,,SH
        """).statusCode()).isEqualTo(200);

    assertVerdict("HB0001", SPRING_2026, true, "TRANSITION", "VAN_EK6", "2028-01-01T00:00:00+01:00");
    assertVerdict("HB0002", SPRING_2026, true, "TRANSITION", "VAN_EK5", "2027-01-01T00:00:00+01:00");
    assertVerdict("HB0002", "2027-01-01T00:00:00+01:00", false, "NONE", "VAN_EK5", null);
    assertVerdict("HB0003", SPRING_2026, false, "NONE", "VAN_OLD", null);
    assertVerdict("HB0004", SPRING_2026, true, "ZERO_EMISSION", "ZERO_EMISSION", null);
    assertVerdict("HB0005", SPRING_2026, true, "TRANSITION", "TRACTOR_EK6", "2030-01-01T00:00:00+01:00");
    assertVerdict("HB0006", SPRING_2026, true, "TRANSITION", "RIGID_EK6_OLD", "2028-01-01T00:00:00+01:00");
    assertVerdict("HB0007", SPRING_2026, false, "NONE", "TRUCK_OLD", null);
    assertVerdict("HB0008", SPRING_2026, true, "NOT_IN_SCOPE", "NOT_IN_SCOPE", null);
    assertVerdict("HB0009", SPRING_2026, false, "NONE", "NEW_2025", null);
    assertVerdict("HB0010", SPRING_2026, true, "VRIJSTELLING", "VRIJSTELLING", "2030-01-01T00:00:00+01:00");
    assertVerdict("HB0011", SPRING_2026, true, "VRIJSTELLING", "VRIJSTELLING", "2030-01-01T00:00:00+01:00");
    assertVerdict("HB0012", SPRING_2026, true, "TRANSITION", "VAN_EK6", "2028-01-01T00:00:00+01:00");
    assertVerdict("HB0013", SPRING_2026, true, "VRIJSTELLING", "VRIJSTELLING", "2030-01-01T00:00:00+01:00");
    assertVerdict("HB0001", "2030-01-01T00:00:00+01:00", false, "NONE", "END_2030", null);
    assertVerdict("HB0003", "2024-12-31T23:59:59+01:00", true, "ZONE_NOT_ACTIVE", "ZONE_NOT_ACTIVE",
        "2025-01-01T00:00:00+01:00");
    assertVerdict("ZZ9999", SPRING_2026, false, "UNRESOLVED", "UNRESOLVED", null);

    JsonObject hybrid = get("/vehicles/hb-00-12", ADMIN_KEY).bodyAsJsonObject();
    assertThat(hybrid.getString("kind")).isEqualTo("VAN");
    assertThat(hybrid.getJsonArray("fuels")).containsExactly("Benzine", "Elektriciteit");
    assertThat(hybrid.getBoolean("zeroEmission")).isFalse();
    assertThat(hybrid.getString("emissionClass")).isEqualTo("6");
    assertThat(get("/vehicles/GK0001", ADMIN_KEY).bodyAsJsonObject().getString("firstAdmission"))
        .isEqualTo("2019-03-01");
    assertThat(get("/vehicles/ZZ9999", ADMIN_KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void badImportsAndQueriesGetTheirProblems() {
    HttpResponse<Buffer> missing = importCsv("vehicles", "kenteken,europese_voertuigcategorie\nHB0020,N1\n");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(get("/vehicles/HB0020", ADMIN_KEY).statusCode()).isEqualTo(404);
    assertThat(importCsv("trucks", "kenteken\n").statusCode()).isEqualTo(400);
    assertThat(send(client.post(port(), "127.0.0.1", "/api/v1/vehicles/import?dataset=vehicles")
        .putHeader("Content-Type", "application/json").bearerTokenAuthentication(ADMIN_KEY), Buffer.buffer("{}"))
        .statusCode()).isEqualTo(415);

    HttpResponse<Buffer> plate = get("/access?plate=A-1&municipality=GM0363", ADMIN_KEY);
    assertThat(plate.statusCode()).isEqualTo(400);
    assertThat(plate.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("plate");
    assertThat(get("/access?plate=HB0021&municipality=GM0001", ADMIN_KEY).statusCode()).isEqualTo(422);

    String utrechtKey = createKey(new JsonObject().put("role", "municipality").put("municipality", "GM0344")
        .put("name", "Utrecht cameras"));
    assertThat(get("/access?plate=HB0021&municipality=GM0363", utrechtKey).statusCode()).isEqualTo(403);
    JsonObject own = get("/access?plate=HB0021&municipality=GM0344&at=2026-03-02T10:00:00%2B01:00", utrechtKey)
        .bodyAsJsonObject();
    assertThat(own.getString("basis")).isEqualTo("UNRESOLVED");
    assertThat(own.getString("at")).isEqualTo("2026-03-02T10:00:00+01:00");
    assertThat(own.getValue("allowedUntil")).isNull();
    assertThat(own.containsKey("exemptionId")).isTrue();
  }

  @Test
  void municipalitiesAreAnArrayAndTheLoketManagesExemptions() {
    JsonArray all = get("/municipalities", ADMIN_KEY).bodyAsJsonArray();
    assertThat(all).hasSizeGreaterThanOrEqualTo(23);
    HttpResponse<Buffer> created = send(client.put(port(), "127.0.0.1", "/api/v1/municipalities/GM0777")
        .putHeader("Content-Type", "application/json").bearerTokenAuthentication(ADMIN_KEY),
        new JsonObject().put("name", "Nieuwstad").put("enforcementStart", "2027-07-01").put("zones",
            new JsonArray().add(new JsonObject().put("id", "n-1").put("name", "Centrum").put("start", "2027-01-01")))
            .toBuffer());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);

    String loket = createKey(new JsonObject().put("role", "loket").put("name", "Centraal Loket"));
    HttpResponse<Buffer> application = send(client.post(port(), "127.0.0.1", "/api/v1/exemptions")
        .putHeader("Content-Type", "application/json").bearerTokenAuthentication(loket),
        new JsonObject().put("plate", "hb-00-30").put("type", "PRIVATE_USE")
            .put("applicant", new JsonObject().put("name", "J. de Vries")).put("requestedFrom", "2026-01-01")
            .toBuffer());
    assertThat(application.statusCode()).as(application.bodyAsString()).isEqualTo(201);
    String id = application.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> decision = send(client.post(port(), "127.0.0.1", "/api/v1/exemptions/" + id + "/decision")
        .putHeader("Content-Type", "application/json").bearerTokenAuthentication(loket),
        new JsonObject().put("outcome", "GRANTED").toBuffer());
    assertThat(decision.statusCode()).isEqualTo(200);
    assertThat(get("/exemptions/" + id, loket).bodyAsJsonObject().getString("status")).isEqualTo("GRANTED");
    assertThat(get("/exemptions/status?plate=HB0030&municipality=GM0777", loket).bodyAsJsonObject()
        .getBoolean("exempt")).isTrue();
    HttpResponse<Buffer> day = send(client.post(port(), "127.0.0.1", "/api/v1/day-exemptions")
        .putHeader("Content-Type", "application/json").bearerTokenAuthentication(loket),
        new JsonObject().put("plate", "HB0031").put("municipality", "GM0363").put("date", "2099-01-02").toBuffer());
    assertThat(day.statusCode()).isEqualTo(201);
    assertThat(get("/day-exemptions?plate=HB0031&municipality=GM0363&year=2099", loket).bodyAsJsonObject()
        .getInteger("used")).isEqualTo(1);
    assertThat(get("/exemptions?plate=HB0030", loket).bodyAsJsonObject().getJsonArray("items")).hasSize(1);
  }

  private void assertVerdict(String plate, String at, boolean allowed, String basis, String rule, String until) {
    HttpResponse<Buffer> response = get("/access?plate=" + plate + "&municipality=GM0363&at="
        + at.replace("+", "%2B"), ADMIN_KEY);
    JsonObject verdict = response.bodyAsJsonObject();
    String what = plate + " at " + at + ": " + verdict.encode();
    assertThat(response.statusCode()).as(what).isEqualTo(200);
    assertThat(verdict.getBoolean("allowed")).as(what).isEqualTo(allowed);
    assertThat(verdict.getString("basis")).as(what).isEqualTo(basis);
    assertThat(verdict.getString("rule")).as(what).isEqualTo(rule);
    assertThat(verdict.getString("allowedUntil")).as(what).isEqualTo(until);
    assertThat(verdict.getString("explanation")).as(what).isNotBlank();
  }

  /**
   * The import puts into the index what it derives from the rows it wrote and what the index knew of the plate;
   * whatever the order of the exports, that must be the vehicle PostgreSQL assembles from all three tables. The
   * fuel export is several batches long, with plates whose fuels straddle a batch boundary.
   */
  @Test
  void theIndexHoldsWhatPostgresqlAssemblesWhateverTheOrderOfTheExports(Vertx vertx, TestInfra infra) {
    assertThat(importCsv("fuels", """
        kenteken,brandstof_volgnummer,brandstof_omschrijving,emissiecode_omschrijving
        HC0001,1,Diesel,5
        HC0002,1,Benzine,6
        """).statusCode()).as("fuels of plates with no vehicle yet").isEqualTo(200);
    assertThat(importCsv("bodies", "kenteken,carrosseriecode,carrosserietype\nHC0001,26,SF\n").statusCode())
        .isEqualTo(200);
    assertThat(importCsv("vehicles", """
        kenteken,voertuigsoort,europese_voertuigcategorie,inrichting,datum_eerste_toelating
        HC0001,Bedrijfsauto,N1,gesloten opbouw,20190301
        HC0002,Bedrijfsauto,N1,gesloten opbouw,20200301
        HC0003,Bedrijfsauto,N2,kipper,20180301
        """).statusCode()).isEqualTo(200);
    assertThat(importCsv("fuels", """
        kenteken,brandstof_volgnummer,brandstof_omschrijving,emissiecode_omschrijving
        HC0002,2,Elektriciteit,
        HC0003,1,Elektriciteit,
        """).statusCode()).as("a second fuel, and a first one").isEqualTo(200);
    assertThat(importCsv("vehicles", """
        kenteken,voertuigsoort,europese_voertuigcategorie,inrichting,datum_eerste_toelating
        HC0001,Bedrijfsauto,N3,opleggertrekker,20170301
        """).statusCode()).as("a changed vehicle row keeps its fuels and bodies").isEqualTo(200);
    assertThat(importCsv("bodies", "kenteken,carrosseriecode,bijzonderheid_code\nHC0003,15,145\n").statusCode())
        .isEqualTo(200);
    StringBuilder fuels = new StringBuilder("kenteken,brandstof_volgnummer,brandstof_omschrijving,"
        + "emissiecode_omschrijving\n");
    for (int n = 0; n < 4_000; n++) {
      String plate = "GK%04d".formatted(n);
      fuels.append(plate).append(",1,Diesel,6\n").append(plate).append(",2,LPG,5\n").append(plate)
          .append(",3,Elektriciteit,\n");
    }
    assertThat(importCsv("vehicles", bulkVehicles()).statusCode()).isEqualTo(200);
    assertThat(importCsv("fuels", Buffer.buffer(fuels.toString())).bodyAsJsonObject().getLong("imported"))
        .isEqualTo(12_000L);
    assertThat(importCsv("fuels", "kenteken,brandstof_volgnummer,brandstof_omschrijving,emissiecode_omschrijving\n"
        + "GK3333,2,Benzine,4\n").statusCode()).isEqualTo(200);

    Map<String, JsonObject> assembled = new java.util.HashMap<>();
    io.vertx.sqlclient.Pool pool = nl.zes.common.config.PgConfig.fromEnv(nl.zes.common.config.Env.of(infra.env()))
        .pool(vertx, "exemptions");
    new nl.zes.exemption.vehicles.RegisterRepository(pool)
        .forEachVehicle(vehicle -> assembled.put(vehicle.plate(), nl.zes.exemption.vehicles.VehicleView.of(vehicle)))
        .await();
    pool.close().await();
    for (String plate : java.util.List.of("HC0001", "HC0002", "HC0003", "GK0000", "GK3332", "GK3333", "GK3334",
        "GK3999", "GK4000", "GM9999")) {
      assertThat(get("/vehicles/" + plate, ADMIN_KEY).bodyAsJsonObject()).as(plate).isEqualTo(assembled.get(plate));
    }
    JsonObject tractor = assembled.get("HC0001");
    assertThat(tractor.getBoolean("tractorUnit")).isTrue();
    assertThat(tractor.getJsonArray("fuels")).containsExactly("Diesel");
    assertThat(tractor.getJsonArray("bodyCodes")).containsExactly("26", "SF");
    assertThat(assembled.get("HC0002").getJsonArray("fuels")).containsExactly("Benzine", "Elektriciteit");
    assertThat(assembled.get("HC0003").getBoolean("zeroEmission")).isTrue();
    assertThat(assembled.get("HC0003").getJsonArray("remarkCodes")).containsExactly("145");
    assertThat(assembled.get("GK3333").getJsonArray("fuels")).containsExactly("Diesel", "Benzine", "Elektriciteit");
    assertThat(assembled.get("GK3333").getString("emissionClass")).isEqualTo("4");
  }

  /** An export in the bulk download's display names, large enough to travel in several pieces. */
  private static Buffer bulkVehicles() {
    StringBuilder csv = new StringBuilder("Kenteken,Voertuigsoort,Merk,Europese voertuigcategorie,Inrichting,"
        + "Datum eerste toelating,Toegestane maximum massa voertuig,Opmerking\n");
    String[] prefixes = {"GK", "GL", "GM"};
    int written = 0;
    for (String prefix : prefixes) {
      for (int n = 0; n < 10_000; n++) {
        csv.append(prefix).append("%04d".formatted(n)).append(",Bedrijfsauto,\"MERCEDES-BENZ, SPRINTER\",N1,")
            .append("gesloten opbouw,20190301,\"3,500\",\"line one\nline two with a long remark padding padding\"\n");
        written++;
        if (written == BULK_ROWS / 2) {
          csv.append("NOTAPLATE,Bedrijfsauto,X,N1,gesloten opbouw,20190301,3500,\n");
          csv.append("GZ0001,Bedrijfsauto,X,N1,gesloten opbouw,yesterday,3500,\n");
        }
      }
    }
    return Buffer.buffer(csv.toString());
  }

  private HttpResponse<Buffer> importCsv(String dataset, String csv) {
    return importCsv(dataset, Buffer.buffer(csv));
  }

  private HttpResponse<Buffer> importCsv(String dataset, Buffer csv) {
    return send(client.post(port(), "127.0.0.1", "/api/v1/vehicles/import?dataset=" + dataset)
        .putHeader("Content-Type", "text/csv").bearerTokenAuthentication(ADMIN_KEY), csv);
  }

  private String createKey(JsonObject request) {
    HttpResponse<Buffer> created = send(client.post(port(), "127.0.0.1", "/api/v1/admin/api-keys")
        .putHeader("Content-Type", "application/json").bearerTokenAuthentication(ADMIN_KEY), request.toBuffer());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("key");
  }

  private HttpResponse<Buffer> get(String path, String key) {
    return client.get(port(), "127.0.0.1", "/api/v1" + path).bearerTokenAuthentication(key).send().await();
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, Buffer body) {
    Future<HttpResponse<Buffer>> response = request.sendBuffer(body);
    return response.await();
  }

  private int port() {
    return gateway.actualPort();
  }
}
