package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.zes.common.bus.Topics;
import nl.zes.common.config.KafkaConfig;
import nl.zes.reporting.ReportingConfig;
import nl.zes.reporting.ReportingVerticle;
import nl.zes.testkit.TestInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The gateway and the reporting-service in one Vert.x against the test kit's PostgreSQL and Kafka, and a plain
 * Kafka producer feeding them the events the other services would publish.
 */
final class ReportSuite {

  static final String ADMIN_KEY = "zes_report_test_admin_key_0123456789abcdef";

  private ReportSuite() {
  }

  /** Deploys both and completes with the gateway's HTTP port. */
  static Future<Integer> deploy(Vertx vertx, TestInfra infra) {
    Map<String, String> env = new HashMap<>(infra.env());
    env.put("ZES_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
    GatewayVerticle gateway = new GatewayVerticle(GatewayConfig.fromEnv(env));
    return vertx.deployVerticle(new ReportingVerticle(ReportingConfig.fromEnv(env)))
        .compose(id -> vertx.deployVerticle(gateway))
        .map(id -> gateway.actualPort());
  }

  /** Produces the events and waits until Kafka has them all (blocking: call it off the event loop). */
  static Void feed(TestInfra infra, List<JsonObject> evaluated, List<JsonObject> changes) throws Exception {
    KafkaConfig kafka = infra.kafkaConfig();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<>(kafka.producer("report-feed")))) {
      for (JsonObject passage : evaluated) {
        producer.send(new ProducerRecord<>(kafka.topic(Topics.PASSAGES_EVALUATED), passage.getString("passageId"),
            passage.encode()));
      }
      for (JsonObject change : changes) {
        producer.send(new ProducerRecord<>(kafka.topic(Topics.EXEMPTIONS_CHANGED), change.getString("id"),
            change.encode()));
      }
      producer.flush();
    }
    return null;
  }

  static JsonObject passage(String id, String municipality, String timestamp, String verdict, String basis,
      String kind) {
    JsonObject json = new JsonObject().put("passageId", id).put("municipality", municipality).put("zone", "Z1")
        .put("timestamp", timestamp).put("verdict", verdict).put("basis", basis).put("rule", "R")
        .put("vehicleKind", kind).put("country", "NL");
    return verdict.equals("FINE") ? json.put("fineAmountEur", "TRUCK".equals(kind) ? 310 : 120) : json;
  }

  static JsonObject application(String id, String type, String scope, String submittedAt, String status) {
    return new JsonObject().put("kind", "EXEMPTION").put("id", id).put("version", 1).put("type", type)
        .put("scope", scope).put("municipalities", scope.equals("LOCAL") ? new JsonArray().add("GM0363") : null)
        .put("status", status).put("submittedAt", submittedAt);
  }

  static JsonObject dayExemption(String id, String municipality, String date) {
    return new JsonObject().put("kind", "DAY_EXEMPTION").put("id", id).put("version", 1)
        .put("municipality", municipality).put("date", date);
  }
}
