package nl.zes.exemption.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.zes.common.bus.Addresses;
import nl.zes.common.messages.AccessAnswer;
import nl.zes.common.messages.AccessQuery;
import nl.zes.common.problem.Problem;
import nl.zes.exemption.ExemptionConfig;
import nl.zes.exemption.ExemptionVerticle;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The exemption-service through its event-bus API, against real PostgreSQL and Kafka. */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class ExemptionServiceBusTest {

  private static final String AMSTERDAM = "GM0363";
  private static final String UTRECHT = "GM0344";
  private static final String SPRING_2026 = "2026-03-02T10:00:00+01:00";
  private Bus bus;

  @BeforeEach
  void deploy(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    bus = new Bus(vertx);
    vertx.deployVerticle(new ExemptionVerticle(ExemptionConfig.fromEnv(infra.env())))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void municipalitiesAreSeededAndAdminsCreateOrReplaceOne() {
    JsonArray items = bus.call(Addresses.EXEMPTIONS_MUNICIPALITIES, new JsonObject()).getJsonArray("items");
    assertThat(items).hasSize(23);
    JsonObject amsterdam = items.stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("code").equals(AMSTERDAM)).findFirst().orElseThrow();
    assertThat(amsterdam.getString("enforcementStart")).isEqualTo("2025-07-01");
    assertThat(amsterdam.getJsonArray("zones").getJsonObject(0).getString("start")).isEqualTo("2025-01-01");

    JsonObject body = new JsonObject().put("name", "Testdorp").put("enforcementStart", "2027-07-01")
        .put("zones", new JsonArray().add(new JsonObject().put("id", "t-1").put("name", "Centrum").put("start", "2027-01-01")));
    JsonObject put = new JsonObject().put("code", "GM9999").put("body", body);
    assertThat(bus.status(Addresses.EXEMPTIONS_MUNICIPALITIES_PUT, put)).isEqualTo(201);
    assertThat(bus.status(Addresses.EXEMPTIONS_MUNICIPALITIES_PUT, put)).isEqualTo(200);
    assertThat(bus.call(Addresses.EXEMPTIONS_MUNICIPALITIES, new JsonObject()).getJsonArray("items")).hasSize(24);

    Problem mismatch = bus.problem(Addresses.EXEMPTIONS_MUNICIPALITIES_PUT,
        new JsonObject().put("code", "GM9998").put("body", body.copy().put("code", "GM9999")));
    assertThat(mismatch.status()).isEqualTo(422);
    Problem badDate = bus.problem(Addresses.EXEMPTIONS_MUNICIPALITIES_PUT,
        new JsonObject().put("code", "GM9998").put("body", body.copy().put("enforcementStart", "1 July")));
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.errors().getJsonObject(0).getString("field")).isEqualTo("enforcementStart");
  }

  @Test
  void anApplicationGivesAccessOnlyOnceGrantedAndUntilRevoked() {
    importVehicle("BB0001", "N1", "gesloten opbouw", "20100301", "Diesel", "Euro 4");
    JsonObject created = bus.call(Addresses.EXEMPTIONS_CREATE, application("bb-00-01", "HARDSHIP")
        .put("municipalities", new JsonArray().add(AMSTERDAM)).put("requestedUntil", "2027-01-01"));
    String id = created.getString("id");
    assertThat(created.getString("status")).isEqualTo("PENDING");
    assertThat(created.getString("scope")).isEqualTo("LOCAL");
    assertThat(created.getString("plate")).isEqualTo("BB0001");

    assertThat(access("BB0001", AMSTERDAM).getString("rule")).isEqualTo("VAN_OLD");
    assertThat(access("BB0001", AMSTERDAM).getBoolean("allowed")).isFalse();

    JsonObject granted = bus.call(Addresses.EXEMPTIONS_DECIDE, new JsonObject().put("id", id)
        .put("outcome", "GRANTED").put("decidedAt", "2026-02-01T09:00:00+01:00"));
    assertThat(granted.getString("status")).isEqualTo("GRANTED");
    assertThat(granted.getString("validFrom")).isEqualTo("2026-02-01");
    assertThat(granted.getString("validUntil")).isEqualTo("2027-01-01");

    JsonObject allowed = access("BB0001", AMSTERDAM);
    assertThat(allowed.getBoolean("allowed")).isTrue();
    assertThat(allowed.getString("basis")).isEqualTo("EXEMPTION");
    assertThat(allowed.getString("exemptionId")).isEqualTo(id);
    assertThat(allowed.getString("allowedUntil")).isEqualTo("2027-01-01T00:00:00+01:00");
    assertThat(access("BB0001", UTRECHT).getBoolean("allowed")).as("a local exemption counts only where it names").isFalse();

    JsonObject status = bus.call(Addresses.EXEMPTIONS_STATUS, new JsonObject().put("plate", "BB0001")
        .put("municipality", AMSTERDAM).put("at", SPRING_2026));
    assertThat(status.getBoolean("exempt")).isTrue();
    assertThat(status.getJsonArray("exemptions").getJsonObject(0).getString("id")).isEqualTo(id);
    assertThat(status.getValue("dayExemption")).isNull();

    Problem again = bus.problem(Addresses.EXEMPTIONS_DECIDE, new JsonObject().put("id", id).put("outcome", "REJECTED"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.type()).isEqualTo("/problems/already-decided");

    JsonObject revoked = bus.call(Addresses.EXEMPTIONS_REVOKE, new JsonObject().put("id", id).put("reason", "sold"));
    assertThat(revoked.getString("status")).isEqualTo("REVOKED");
    assertThat(revoked.getLong("version")).isEqualTo(3L);
    assertThat(access("BB0001", AMSTERDAM).getBoolean("allowed")).isFalse();
    assertThat(bus.problem(Addresses.EXEMPTIONS_REVOKE, new JsonObject().put("id", id).put("reason", "x")).status())
        .isEqualTo(409);

    assertThat(bus.call(Addresses.EXEMPTIONS_GET, new JsonObject().put("id", id)).getString("status")).isEqualTo("REVOKED");
    assertThat(bus.problem(Addresses.EXEMPTIONS_GET, new JsonObject().put("id", "EX-999999")).status()).isEqualTo(404);
  }

  @Test
  void aGrantWithoutValidityGetsTheTypesDefault() {
    JsonObject created = bus.call(Addresses.EXEMPTIONS_CREATE, application("BB0002", "PRIVATE_USE")
        .put("submittedAt", "2025-09-01T10:00:00+02:00"));
    assertThat(created.getString("scope")).isEqualTo("NATIONAL");
    assertThat(created.getValue("municipalities")).isNull();
    JsonObject granted = bus.call(Addresses.EXEMPTIONS_DECIDE, new JsonObject().put("id", created.getString("id"))
        .put("outcome", "GRANTED").put("decidedAt", "2025-09-15T12:00:00+02:00"));
    assertThat(granted.getString("validFrom")).isEqualTo("2025-09-15");
    assertThat(granted.getString("validUntil")).isEqualTo("2030-01-01");

    JsonObject rejected = bus.call(Addresses.EXEMPTIONS_CREATE, application("BB0002", "DISABILITY_ADAPTED"));
    JsonObject decision = bus.call(Addresses.EXEMPTIONS_DECIDE, new JsonObject().put("id", rejected.getString("id"))
        .put("outcome", "SET_ASIDE").put("reason", "information never supplied"));
    assertThat(decision.getString("status")).isEqualTo("SET_ASIDE");
    assertThat(decision.getValue("validFrom")).isNull();
  }

  @Test
  void badApplicationsAreRefusedWithTheRightStatus() {
    Problem unknownType = bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0003", "HOLIDAY"));
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.detail()).contains("PRIVATE_USE", "GRID_CONGESTION");

    Problem plate = bus.problem(Addresses.EXEMPTIONS_CREATE, application("ABC123", "PRIVATE_USE"));
    assertThat(plate.status()).isEqualTo(400);
    assertThat(plate.errors().getJsonObject(0).getString("field")).isEqualTo("plate");

    assertThat(bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0003", "HARDSHIP")
        .put("requestedUntil", "2027-01-01")).status()).as("local without municipalities").isEqualTo(422);
    assertThat(bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0003", "PRIVATE_USE")
        .put("municipalities", new JsonArray().add(AMSTERDAM))).status()).as("national with municipalities").isEqualTo(422);
    assertThat(bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0003", "HARDSHIP")
        .put("requestedUntil", "2027-01-01").put("municipalities", new JsonArray().add("GM0000"))).status())
        .as("unknown municipality").isEqualTo(422);
    assertThat(bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0003", "PRIVATE_USE")
        .put("requestedFrom", "2024-06-30")).status()).as("before the Loket opened").isEqualTo(422);
    assertThat(bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0003", "PRIVATE_USE")
        .put("requestedFrom", "2026-13-01")).status()).as("malformed date").isEqualTo(400);
    assertThat(bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0003", "PRIVATE_USE").put("applicant", null))
        .status()).isEqualTo(400);
    assertThat(bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0003", "BUSINESS_ECONOMIC")
        .put("submittedAt", "2025-06-01T10:00:00+02:00").put("requestedUntil", "2026-06-01")).status())
        .as("BUSINESS_ECONOMIC before 2026 is local").isEqualTo(422);

    String id = bus.call(Addresses.EXEMPTIONS_CREATE, application("BB0003", "DELIVERY_TIME")
        .put("requestedUntil", "2026-09-01")).getString("id");
    assertThat(bus.problem(Addresses.EXEMPTIONS_DECIDE, new JsonObject().put("id", id).put("outcome", "GRANTED")
        .put("validFrom", "2026-05-01").put("validUntil", "2026-04-01")).status()).as("validFrom after validUntil")
        .isEqualTo(422);
    assertThat(bus.problem(Addresses.EXEMPTIONS_DECIDE, new JsonObject().put("id", id).put("outcome", "MAYBE"))
        .status()).isEqualTo(400);
    assertThat(bus.call(Addresses.EXEMPTIONS_GET, new JsonObject().put("id", id)).getString("status"))
        .as("nothing half-applied").isEqualTo("PENDING");
  }

  @Test
  void exemptionsAreListedInPagesWithFilters() {
    for (int i = 0; i < 5; i++) {
      bus.call(Addresses.EXEMPTIONS_CREATE, application("BB0004", "PRIVATE_USE"));
    }
    JsonObject query = new JsonObject().put("plate", "BB0004").put("status", "PENDING").put("limit", "2");
    JsonObject first = bus.call(Addresses.EXEMPTIONS_LIST, query);
    assertThat(first.getJsonArray("items")).hasSize(2);
    List<String> ids = new ArrayList<>();
    JsonObject page = first;
    while (true) {
      page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getString("id")));
      String next = page.getString("nextCursor");
      if (next == null) {
        break;
      }
      page = bus.call(Addresses.EXEMPTIONS_LIST, query.copy().put("cursor", next));
    }
    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
    assertThat(bus.call(Addresses.EXEMPTIONS_LIST, new JsonObject().put("plate", "BB0004").put("type", "HARDSHIP"))
        .getJsonArray("items")).isEmpty();
    assertThat(bus.problem(Addresses.EXEMPTIONS_LIST, new JsonObject().put("limit", "5000")).status()).isEqualTo(400);
    assertThat(bus.problem(Addresses.EXEMPTIONS_LIST, new JsonObject().put("cursor", "nonsense")).status()).isEqualTo(400);
    assertThat(bus.problem(Addresses.EXEMPTIONS_LIST, new JsonObject().put("status", "LOST")).status()).isEqualTo(400);
  }

  @Test
  void dayExemptionsAllowTwelvePerYearOnePerDateAndNotInThePast() {
    String plate = "BB0005";
    for (int day = 1; day <= 12; day++) {
      JsonObject created = bus.call(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption(plate, "2026-04-%02d".formatted(day)));
      assertThat(created.getInteger("usedThisYear")).isEqualTo(day);
      assertThat(created.getInteger("remainingThisYear")).isEqualTo(12 - day);
    }
    JsonObject first = bus.call(Addresses.EXEMPTIONS_DAY_LIST, new JsonObject().put("plate", plate)
        .put("municipality", AMSTERDAM).put("year", "2026"));
    assertThat(first.getInteger("used")).isEqualTo(12);
    assertThat(first.getInteger("remaining")).isZero();
    JsonObject item = first.getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("validFrom")).isEqualTo("2026-04-01T00:00:00+02:00");
    assertThat(item.getString("validUntil")).isEqualTo("2026-04-02T06:00:00+02:00");

    Problem limit = bus.problem(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption(plate, "2026-05-01"));
    assertThat(limit.status()).isEqualTo(409);
    assertThat(limit.type()).endsWith("/day-exemption-limit");
    assertThat(bus.call(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption(plate, "2027-01-04")).getInteger("usedThisYear"))
        .as("a new calendar year").isEqualTo(1);
    assertThat(bus.call(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption(plate, "2026-05-01")
        .put("municipality", UTRECHT)).getInteger("usedThisYear")).as("another municipality").isEqualTo(1);

    Problem duplicate = bus.problem(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption(plate, "2026-05-01")
        .put("municipality", UTRECHT));
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.type()).isEqualTo("/problems/duplicate");
    Problem past = bus.problem(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption("BB0006", "2026-02-27"));
    assertThat(past.status()).isEqualTo(422);
    assertThat(bus.problem(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption("BB0006", "2026-03-03")
        .put("municipality", "GM0001")).status()).isEqualTo(422);

    JsonObject sameDay = bus.call(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption("BB0006", "2026-02-28")
        .put("requestedAt", "2026-02-28T23:30:00+01:00"));
    JsonObject atNight = access("BB0006", AMSTERDAM, "2026-03-01T05:59:00+01:00");
    assertThat(atNight.getString("basis")).as("unknown plate, yet the day exemption counts").isEqualTo("DAY_EXEMPTION");
    assertThat(atNight.getString("exemptionId")).isEqualTo(sameDay.getString("id"));
    assertThat(access("BB0006", AMSTERDAM, "2026-03-01T06:00:00+01:00").getString("basis")).isEqualTo("UNRESOLVED");
  }

  @Test
  void theTwelfthAndThirteenthArrivingTogetherGiveExactlyOneMore(Vertx vertx) {
    String plate = "BB0007";
    for (int day = 1; day <= 11; day++) {
      bus.call(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption(plate, "2026-06-%02d".formatted(day)));
    }
    List<Future<?>> race = new ArrayList<>();
    for (int day = 20; day <= 21; day++) {
      race.add(bus.send(Addresses.EXEMPTIONS_DAY_CREATE, dayExemption(plate, "2026-06-" + day), "loket", null));
    }
    Future.join(race).otherwiseEmpty().await();
    assertThat(race.stream().filter(Future::succeeded)).hasSize(1);
    Future<?> loser = race.stream().filter(Future::failed).findFirst().orElseThrow();
    ReplyException failure = (ReplyException) loser.cause();
    assertThat(failure.failureCode()).isEqualTo(409);
    assertThat(Problem.fromJson(new JsonObject(failure.getMessage())).type()).isEqualTo("/problems/day-exemption-limit");
    assertThat(bus.call(Addresses.EXEMPTIONS_DAY_LIST, new JsonObject().put("plate", plate)
        .put("municipality", AMSTERDAM).put("year", "2026")).getInteger("used")).isEqualTo(12);
  }

  @Test
  void accessChecksValidateAndKeepMunicipalitiesToTheirOwn() {
    Problem plate = bus.problem(Addresses.EXEMPTIONS_ACCESS_CHECK, new JsonObject().put("plate", "nonsense!")
        .put("municipality", AMSTERDAM));
    assertThat(plate.status()).isEqualTo(400);
    assertThat(plate.errors().getJsonObject(0).getString("field")).isEqualTo("plate");
    assertThat(bus.problem(Addresses.EXEMPTIONS_ACCESS_CHECK, new JsonObject().put("plate", "BB0008")
        .put("municipality", "GM0001")).status()).isEqualTo(422);
    assertThat(bus.problem(Addresses.EXEMPTIONS_ACCESS_CHECK, new JsonObject().put("plate", "BB0008")
        .put("municipality", AMSTERDAM).put("at", "yesterday")).status()).isEqualTo(400);
    assertThat(bus.problemAs(Addresses.EXEMPTIONS_ACCESS_CHECK, new JsonObject().put("plate", "BB0008")
        .put("municipality", AMSTERDAM), "municipality", UTRECHT).status()).isEqualTo(403);
    assertThat(bus.problemAs(Addresses.EXEMPTIONS_STATUS, new JsonObject().put("plate", "BB0008")
        .put("municipality", AMSTERDAM), "municipality", UTRECHT).status()).isEqualTo(403);
    JsonObject own = bus.send(Addresses.EXEMPTIONS_ACCESS_CHECK, new JsonObject().put("plate", "BB0008")
        .put("municipality", UTRECHT).put("at", SPRING_2026), "municipality", UTRECHT).await().body();
    assertThat(own.getString("basis")).isEqualTo("UNRESOLVED");
  }

  @Test
  void aBatchIsAnsweredInOrderWithKindAndFinesDate() {
    importVehicle("BB0009", "N3", "opleggertrekker", "20180301", "Diesel", "Euro VI");
    List<AccessQuery> queries = List.of(
        query("BB-00-09", "NL", SPRING_2026),
        query("BB0009", "DE", SPRING_2026),
        query("ZZ9999", "NL", SPRING_2026),
        query("BB0009", "NL", "2024-12-31T23:00:00+01:00"));
    JsonArray items = bus.call(Addresses.EXEMPTIONS_ACCESS_BATCH, AccessQuery.batch(queries)).getJsonArray("items");
    assertThat(items).hasSize(4);
    AccessAnswer tractor = AccessAnswer.fromJson(items.getJsonObject(0));
    assertThat(tractor.rule()).isEqualTo("TRACTOR_EK6");
    assertThat(tractor.allowed()).isTrue();
    assertThat(tractor.vehicleKind()).isEqualTo("TRUCK");
    assertThat(tractor.enforcementStart()).isEqualTo("2025-07-01");
    AccessAnswer foreign = AccessAnswer.fromJson(items.getJsonObject(1));
    assertThat(foreign.basis()).isEqualTo("FOREIGN_NOT_ENFORCEABLE");
    assertThat(foreign.vehicleKind()).isNull();
    assertThat(AccessAnswer.fromJson(items.getJsonObject(2)).basis()).isEqualTo("UNRESOLVED");
    assertThat(AccessAnswer.fromJson(items.getJsonObject(3)).basis()).isEqualTo("ZONE_NOT_ACTIVE");

    JsonObject unknown = AccessQuery.batch(List.of(query("BB0009", "NL", SPRING_2026)));
    unknown.getJsonArray("items").getJsonObject(0).put("municipality", "GM0001");
    assertThat(bus.problem(Addresses.EXEMPTIONS_ACCESS_BATCH, unknown).status()).isEqualTo(422);
  }

  @Test
  void aMissingColumnImportsNothing() {
    Problem missing = bus.problem(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK, piece("vehicles",
        "kenteken,europese_voertuigcategorie,datum_eerste_toelating\nBB0010,N1,20190101\n"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errors().getJsonObject(0).getString("field")).isEqualTo("inrichting");
    assertThat(bus.problem(Addresses.EXEMPTIONS_VEHICLES_GET, new JsonObject().put("plate", "BB0010")).status())
        .isEqualTo(404);
    assertThat(bus.problem(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK, piece("cars", "kenteken\n")).status())
        .isEqualTo(400);
  }

  private void importVehicle(String plate, String category, String style, String det, String fuel, String emission) {
    JsonObject vehicles = bus.call(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK, piece("vehicles",
        "kenteken,voertuigsoort,europese_voertuigcategorie,inrichting,datum_eerste_toelating\n"
            + plate + ",Bedrijfsauto," + category + "," + style + "," + det + "\n"));
    assertThat(vehicles.getLong("imported")).isEqualTo(1L);
    JsonObject fuels = bus.call(Addresses.EXEMPTIONS_VEHICLES_IMPORT_CHUNK, piece("fuels",
        "kenteken,brandstof_volgnummer,brandstof_omschrijving,emissiecode_omschrijving\n"
            + plate + ",1," + fuel + "," + emission + "\n"));
    assertThat(fuels.getLong("imported")).isEqualTo(1L);
  }

  private static JsonObject piece(String dataset, String csv) {
    return new JsonObject().put("importId", UUID.randomUUID().toString()).put("dataset", dataset).put("seq", 0)
        .put("data", Buffer.buffer(csv)).put("last", true);
  }

  private JsonObject access(String plate, String municipality) {
    return access(plate, municipality, SPRING_2026);
  }

  private JsonObject access(String plate, String municipality, String at) {
    return bus.call(Addresses.EXEMPTIONS_ACCESS_CHECK, new JsonObject().put("plate", plate)
        .put("municipality", municipality).put("at", at));
  }

  private static AccessQuery query(String plate, String country, String at) {
    return new AccessQuery(plate, country, AMSTERDAM, "amsterdam-centrum", java.time.OffsetDateTime.parse(at));
  }

  private static JsonObject application(String plate, String type) {
    return new JsonObject().put("plate", plate).put("type", type)
        .put("applicant", new JsonObject().put("name", "Bakkerij Jansen").put("kvk", "12345678"))
        .put("requestedFrom", "2025-09-01").put("submittedAt", "2026-01-15T10:00:00+01:00");
  }

  private static JsonObject dayExemption(String plate, String date) {
    return new JsonObject().put("plate", plate).put("municipality", AMSTERDAM).put("date", date)
        .put("requestedAt", "2026-02-28T10:00:00+01:00");
  }
}
