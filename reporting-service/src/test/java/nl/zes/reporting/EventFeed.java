package nl.zes.reporting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import nl.zes.common.bus.Topics;
import nl.zes.common.config.KafkaConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Feeds JSON events into the test's prefixed topics with a plain Kafka producer, as the other services would. */
final class EventFeed implements AutoCloseable {

  private final KafkaConfig kafka;
  private final KafkaProducer<String, String> producer;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();

  EventFeed(KafkaConfig kafka) {
    this.kafka = kafka;
    Map<String, Object> config = new java.util.HashMap<>(kafka.producer("reporting-test-feed"));
    this.producer = new KafkaProducer<>(config);
  }

  static JsonObject passage(String id, String municipality, String timestamp, String verdict, String basis,
      String rule, String kind, String country) {
    JsonObject json = new JsonObject().put("passageId", id).put("municipality", municipality).put("zone", "Z1")
        .put("timestamp", timestamp).put("verdict", verdict).put("basis", basis).put("rule", rule)
        .put("vehicleKind", kind).put("country", country);
    if (verdict.equals("FINE")) {
      json.put("fineAmountEur", "TRUCK".equals(kind) ? 310 : 120).put("plate", "12ABC3");
    } else if (verdict.equals("WARNING")) {
      json.put("plate", "12ABC3");
    }
    return json;
  }

  static JsonObject application(String id, long version, String type, String scope, String submittedAt,
      String status, String... municipalities) {
    return new JsonObject().put("kind", "EXEMPTION").put("id", id).put("version", version).put("plate", "12ABC3")
        .put("type", type).put("scope", scope).put("municipalities", new JsonArray(List.of((Object[]) municipalities)))
        .put("status", status).put("submittedAt", submittedAt).put("changedAt", submittedAt);
  }

  static JsonObject dayExemption(String id, long version, String municipality, String date) {
    return new JsonObject().put("kind", "DAY_EXEMPTION").put("id", id).put("version", version).put("plate", "12ABC3")
        .put("municipality", municipality).put("date", date).put("changedAt", date + "T08:00:00+01:00");
  }

  EventFeed evaluated(JsonObject passage) {
    return raw(Topics.PASSAGES_EVALUATED, passage.getString("passageId"), passage.encode());
  }

  EventFeed changed(JsonObject change) {
    return raw(Topics.EXEMPTIONS_CHANGED, change.getString("plate"), change.encode());
  }

  EventFeed raw(String topicName, String key, String value) {
    pending.add(producer.send(new ProducerRecord<>(kafka.topic(topicName), key, value)));
    return this;
  }

  /** Blocks until Kafka acknowledged everything sent so far (call it off the event loop). */
  void flush() throws ExecutionException, InterruptedException {
    producer.flush();
    for (Future<RecordMetadata> f : pending) {
      f.get();
    }
    pending.clear();
  }

  @Override
  public void close() {
    producer.close();
  }
}
