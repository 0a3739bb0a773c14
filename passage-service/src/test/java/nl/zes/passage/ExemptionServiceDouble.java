package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nl.zes.common.bus.Addresses;
import nl.zes.common.messages.AccessAnswer;

/**
 * Our neighbouring exemption-service reduced to a fixed table, on its two event-bus addresses (the real one is
 * exercised end-to-end elsewhere). Amsterdam fines from 2025-07-01; Rotterdam exists too, for tenancy.
 */
final class ExemptionServiceDouble {

  static final String AMSTERDAM = "GM0363";
  static final String ROTTERDAM = "GM0599";
  static final String ZONE = "amsterdam-centrum";
  static final String FINES_FROM = "2025-07-01";

  static final String ZERO_EMISSION_VAN = "AB123C";
  static final String EXEMPT_TRUCK = "12ABC3";
  static final String OLD_VAN = "1ABC23";
  static final String OLD_TRUCK = "ABC12D";
  static final String UNKNOWN = "ZZ99ZZ";

  private static final Map<String, AccessAnswer> TABLE = Map.of(
      ZERO_EMISSION_VAN, new AccessAnswer(true, "ZERO_EMISSION", "ZERO_EMISSION", "VAN", null, null, FINES_FROM,
          "zero-emission"),
      EXEMPT_TRUCK, new AccessAnswer(true, "EXEMPTION", "EXEMPTION", "TRUCK", "2030-01-01T00:00:00+01:00", "ex-1",
          FINES_FROM, "exempted"),
      OLD_VAN, new AccessAnswer(false, "NONE", "VAN_OLD", "VAN", null, null, FINES_FROM, "emission class 4"),
      OLD_TRUCK, new AccessAnswer(false, "NONE", "TRUCK_OLD", "TRUCK", null, null, FINES_FROM, "class V"));

  private record Hold(Promise<Void> arrived, Future<Void> release) {
  }

  private final Vertx vertx;
  final AtomicInteger batches = new AtomicInteger();
  private final AtomicReference<Hold> held = new AtomicReference<>();
  private MessageConsumer<JsonObject> access;
  private MessageConsumer<JsonObject> municipalities;

  ExemptionServiceDouble(Vertx vertx) {
    this.vertx = vertx;
  }

  ExemptionServiceDouble start() {
    municipalities = vertx.eventBus().consumer(Addresses.EXEMPTIONS_MUNICIPALITIES, m -> m.reply(
        new JsonObject().put("items", new JsonArray()
            .add(municipality(AMSTERDAM, "Amsterdam", ZONE))
            .add(municipality(ROTTERDAM, "Rotterdam", "rotterdam-centrum")))));
    startAccess();
    return this;
  }

  void startAccess() {
    access = vertx.eventBus().consumer(Addresses.EXEMPTIONS_ACCESS_BATCH, m -> {
      batches.incrementAndGet();
      JsonArray answers = new JsonArray();
      for (Object item : m.body().getJsonArray("items")) {
        answers.add(answer((JsonObject) item).toJson());
      }
      Hold hold = held.getAndSet(null);
      if (hold == null) {
        m.reply(new JsonObject().put("items", answers));
      } else {
        hold.arrived().complete();
        hold.release().onComplete(ar -> m.reply(new JsonObject().put("items", answers)));
      }
    });
  }

  /**
   * The next access request is answered only once {@code release} completes; the returned future completes when
   * that request has arrived (the evaluator is then in the middle of a batch).
   */
  Future<Void> holdNextAccess(Future<Void> release) {
    Promise<Void> arrived = Promise.promise();
    held.set(new Hold(arrived, release));
    return arrived.future();
  }

  Future<Void> stopAccess() {
    return access.unregister();
  }

  private static AccessAnswer answer(JsonObject query) {
    if (!"NL".equals(query.getString("country"))) {
      return new AccessAnswer(false, "FOREIGN_NOT_ENFORCEABLE", "FOREIGN", null, null, null, FINES_FROM, "foreign");
    }
    AccessAnswer known = TABLE.get(query.getString("plate"));
    return known != null ? known
        : new AccessAnswer(false, "UNRESOLVED", "UNRESOLVED", null, null, null, FINES_FROM, "not in the register");
  }

  private static JsonObject municipality(String code, String name, String zone) {
    return new JsonObject().put("code", code).put("name", name).put("enforcementStart", FINES_FROM)
        .put("zones", new JsonArray().add(new JsonObject().put("id", zone).put("name", zone).put("start", "2025-01-01")));
  }
}
