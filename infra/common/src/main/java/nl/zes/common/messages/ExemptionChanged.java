package nl.zes.common.messages;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The value of {@code zes.exemptions.changed.v1} (key: plate): the full state of one exemption application or
 * day exemption after a change. {@code kind} is EXEMPTION or DAY_EXEMPTION; {@code version} grows with each
 * change of the same id, so a consumer keeps the highest and ignores replays.
 *
 * <p>Exemption fields: type, scope (NATIONAL|LOCAL), municipalities, status, submittedAt, decidedAt, validFrom,
 * validUntil. Day-exemption fields: municipality, date, validFrom, validUntil, requestedAt.
 */
public record ExemptionChanged(String kind, String id, long version, String plate, String type, String scope,
    JsonArray municipalities, String status, String submittedAt, String decidedAt, String validFrom,
    String validUntil, String municipality, String date, String changedAt) {

  public static final String EXEMPTION = "EXEMPTION";
  public static final String DAY_EXEMPTION = "DAY_EXEMPTION";

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("kind", kind).put("id", id).put("version", version).put("plate", plate)
        .put("changedAt", changedAt);
    putIfSet(json, "type", type);
    putIfSet(json, "scope", scope);
    if (municipalities != null) {
      json.put("municipalities", municipalities);
    }
    putIfSet(json, "status", status);
    putIfSet(json, "submittedAt", submittedAt);
    putIfSet(json, "decidedAt", decidedAt);
    putIfSet(json, "validFrom", validFrom);
    putIfSet(json, "validUntil", validUntil);
    putIfSet(json, "municipality", municipality);
    putIfSet(json, "date", date);
    return json;
  }

  public static ExemptionChanged fromJson(JsonObject json) {
    return new ExemptionChanged(json.getString("kind"), json.getString("id"), json.getLong("version", 0L),
        json.getString("plate"), json.getString("type"), json.getString("scope"), json.getJsonArray("municipalities"),
        json.getString("status"), json.getString("submittedAt"), json.getString("decidedAt"),
        json.getString("validFrom"), json.getString("validUntil"), json.getString("municipality"),
        json.getString("date"), json.getString("changedAt"));
  }

  private static void putIfSet(JsonObject json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
