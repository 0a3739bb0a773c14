package nl.zes.reporting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import nl.zes.common.bus.BusHeaders;
import nl.zes.testkit.TestInfra;

/** Deploys the reporting-service against the test's PostgreSQL and Kafka, and asks it for reports. */
final class ReportingUnderTest {

  private ReportingUnderTest() {
  }

  static ReportingConfig config(TestInfra infra) {
    return ReportingConfig.fromEnv(infra.env());
  }

  static Future<String> deploy(Vertx vertx, TestInfra infra) {
    return vertx.deployVerticle(new ReportingVerticle(config(infra)));
  }

  static Future<JsonObject> report(Vertx vertx, String address, JsonObject params) {
    return ask(vertx, address, params, "reporting", null);
  }

  static Future<JsonObject> ask(Vertx vertx, String address, JsonObject params, String role, String municipality) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(15_000).addHeader(BusHeaders.ROLE, role);
    if (municipality != null) {
      options.addHeader(BusHeaders.MUNICIPALITY, municipality);
    }
    return vertx.eventBus().<JsonObject>request(address, params, options).map(Message::body);
  }

  static JsonObject period(String from, String to) {
    return new JsonObject().put("from", from).put("to", to);
  }
}
