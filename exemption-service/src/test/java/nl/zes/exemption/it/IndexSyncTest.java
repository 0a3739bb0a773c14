package nl.zes.exemption.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import nl.zes.common.bus.Addresses;
import nl.zes.exemption.ExemptionConfig;
import nl.zes.exemption.ExemptionVerticle;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two exemption-service instances (two Vert.x instances, each with its own index) against one database: what
 * one commits — register imports, grants, revocations, day exemptions — changes the other's access answers.
 */
@ExtendWith(ZesInfraExtension.class)
class IndexSyncTest {

  private static final String AMSTERDAM = "GM0363";
  private static final String SPRING_2026 = "2026-03-02T10:00:00+01:00";
  private static final Duration BOUND = Duration.ofSeconds(30);
  private Vertx vertxA;
  private Vertx vertxB;
  private Bus a;
  private Bus b;

  @BeforeEach
  void twoInstances(TestInfra infra) {
    vertxA = Vertx.vertx();
    vertxB = Vertx.vertx();
    vertxA.deployVerticle(new ExemptionVerticle(ExemptionConfig.fromEnv(infra.env()))).await();
    vertxB.deployVerticle(new ExemptionVerticle(ExemptionConfig.fromEnv(infra.env()))).await();
    a = new Bus(vertxA);
    b = new Bus(vertxB);
  }

  @AfterEach
  void close() {
    vertxA.close().await();
    vertxB.close().await();
  }

  @Test
  void aGrantAndARevocationOnOneInstanceChangeTheOthersAnswer() {
    importVehicle(a, "BC0001");
    JsonObject known = awaitAccess(b, "BC0001", SPRING_2026, answer -> "VAN_OLD".equals(answer.getString("rule")));
    assertThat(known.getBoolean("allowed")).as("the imported vehicle reached B").isFalse();

    String id = a.call(Addresses.EXEMPTIONS_CREATE, new JsonObject().put("plate", "BC0001").put("type", "HARDSHIP")
            .put("applicant", new JsonObject().put("name", "Bakkerij Jansen")).put("requestedFrom", "2025-09-01")
            .put("requestedUntil", "2027-01-01").put("submittedAt", "2026-01-15T10:00:00+01:00")
            .put("municipalities", new JsonArray().add(AMSTERDAM)))
        .getString("id");
    a.call(Addresses.EXEMPTIONS_DECIDE, new JsonObject().put("id", id).put("outcome", "GRANTED")
        .put("decidedAt", "2026-02-01T09:00:00+01:00"));
    JsonObject granted = awaitAccess(b, "BC0001", SPRING_2026, answer -> answer.getBoolean("allowed"));
    assertThat(granted.getString("basis")).isEqualTo("EXEMPTION");
    assertThat(granted.getString("exemptionId")).isEqualTo(id);

    b.call(Addresses.EXEMPTIONS_REVOKE, new JsonObject().put("id", id).put("reason", "sold"));
    assertThat(access(b, "BC0001", SPRING_2026).getBoolean("allowed")).as("B itself at once").isFalse();
    awaitAccess(a, "BC0001", SPRING_2026, answer -> !answer.getBoolean("allowed"));
    assertThat(access(b, "BC0001", SPRING_2026).getBoolean("allowed"))
        .as("B's own events, read back, do not bring the grant back").isFalse();
  }

  @Test
  void aDayExemptionOnOneInstanceCountsOnTheOther() {
    importVehicle(b, "BC0002");
    String during = "2026-03-02T12:00:00+01:00";
    awaitAccess(a, "BC0002", during, answer -> "VAN_OLD".equals(answer.getString("rule")));
    b.call(Addresses.EXEMPTIONS_DAY_CREATE, new JsonObject().put("plate", "BC0002").put("municipality", AMSTERDAM)
        .put("date", "2026-03-02").put("requestedAt", "2026-03-02T08:00:00+01:00"));
    JsonObject allowed = awaitAccess(a, "BC0002", during, answer -> answer.getBoolean("allowed"));
    assertThat(allowed.getString("basis")).isEqualTo("DAY_EXEMPTION");
  }

  private JsonObject awaitAccess(Bus bus, String plate, String at, Predicate<JsonObject> condition) {
    Vertx vertx = bus == a ? vertxA : vertxB;
    return Await.until(vertx, () -> bus.send(Addresses.EXEMPTIONS_ACCESS_CHECK, accessQuery(plate, at), "loket", null)
        .map(Message::body), condition, BOUND).await();
  }

  private static JsonObject access(Bus bus, String plate, String at) {
    return bus.call(Addresses.EXEMPTIONS_ACCESS_CHECK, accessQuery(plate, at));
  }

  private static JsonObject accessQuery(String plate, String at) {
    return new JsonObject().put("plate", plate).put("municipality", AMSTERDAM).put("at", at);
  }

  /** A 2010 diesel Euro 4 van: refused in Amsterdam without an exemption (VAN_OLD). */
  private static void importVehicle(Bus bus, String plate) {
    bus.call(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK, piece("vehicles",
        "kenteken,voertuigsoort,europese_voertuigcategorie,inrichting,datum_eerste_toelating\n"
            + plate + ",Bedrijfsauto,N1,gesloten opbouw,20100301\n"));
    bus.call(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK, piece("fuels",
        "kenteken,brandstof_volgnummer,brandstof_omschrijving,emissiecode_omschrijving\n"
            + plate + ",1,Diesel,Euro 4\n"));
  }

  private static JsonObject piece(String dataset, String csv) {
    return new JsonObject().put("importId", UUID.randomUUID().toString()).put("dataset", dataset).put("seq", 0)
        .put("data", Buffer.buffer(csv)).put("last", true);
  }
}
