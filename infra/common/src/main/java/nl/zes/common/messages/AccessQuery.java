package nl.zes.common.messages;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One question of a batch on {@code exemptions.access.batch}: may this plate enter this zone at this moment?
 * The request body is {@code {items:[AccessQuery…]}}; the reply is {@code {items:[AccessAnswer…]}} in the same order.
 */
public record AccessQuery(String plate, String country, String municipality, String zone, OffsetDateTime at) {

  public JsonObject toJson() {
    return new JsonObject().put("plate", plate).put("country", country).put("municipality", municipality)
        .put("zone", zone).put("at", at.toString());
  }

  public static AccessQuery fromJson(JsonObject json) {
    return new AccessQuery(json.getString("plate"), json.getString("country", "NL"), json.getString("municipality"),
        json.getString("zone"), OffsetDateTime.parse(json.getString("at")));
  }

  public static JsonObject batch(List<AccessQuery> queries) {
    JsonArray items = new JsonArray(new ArrayList<>(queries.size()));
    for (AccessQuery q : queries) {
      items.add(q.toJson());
    }
    return new JsonObject().put("items", items);
  }
}
