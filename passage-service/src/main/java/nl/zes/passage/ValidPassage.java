package nl.zes.passage;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * A passage that passed validation, as it goes onto {@code zes.passages.received.v1} (key: plate, so that every
 * passage of a plate lands on one partition and one evaluator applies the per-day rule to it).
 */
record ValidPassage(String id, String municipality, String zone, String camera, OffsetDateTime timestamp,
    String plate, String country, Double confidence) {

  JsonObject toReceivedJson(String receivedAt) {
    JsonObject json = new JsonObject().put("id", id).put("municipality", municipality).put("zone", zone)
        .put("camera", camera).put("timestamp", timestamp.toString()).put("plate", plate).put("country", country)
        .put("receivedAt", receivedAt);
    if (confidence != null) {
      json.put("confidence", confidence);
    }
    return json;
  }

  static ValidPassage fromReceivedJson(JsonObject json) {
    return new ValidPassage(json.getString("id"), json.getString("municipality"), json.getString("zone"),
        json.getString("camera"), OffsetDateTime.parse(json.getString("timestamp")), json.getString("plate"),
        json.getString("country"), json.getDouble("confidence"));
  }
}
