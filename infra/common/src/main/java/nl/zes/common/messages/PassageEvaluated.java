package nl.zes.common.messages;

import io.vertx.core.json.JsonObject;

/**
 * The value of {@code zes.passages.evaluated.v1} (key: passage id). {@code plate} is set only for WARNING and
 * FINE; {@code fineAmountEur} only for FINE. {@code country} is the plate's country (no plate), so that
 * reports can tell foreign passages apart.
 */
public record PassageEvaluated(String passageId, String municipality, String zone, String timestamp, String verdict,
    String basis, String rule, String vehicleKind, String country, String plate, Integer fineAmountEur) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("passageId", passageId).put("municipality", municipality)
        .put("zone", zone).put("timestamp", timestamp).put("verdict", verdict).put("basis", basis)
        .put("rule", rule).put("vehicleKind", vehicleKind).put("country", country);
    if (plate != null) {
      json.put("plate", plate);
    }
    if (fineAmountEur != null) {
      json.put("fineAmountEur", fineAmountEur);
    }
    return json;
  }

  public static PassageEvaluated fromJson(JsonObject json) {
    return new PassageEvaluated(json.getString("passageId"), json.getString("municipality"), json.getString("zone"),
        json.getString("timestamp"), json.getString("verdict"), json.getString("basis"), json.getString("rule"),
        json.getString("vehicleKind"), json.getString("country"), json.getString("plate"),
        json.getInteger("fineAmountEur"));
  }
}
