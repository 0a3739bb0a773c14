package nl.zes.exemption.vehicles;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.zes.exemption.register.Rejection;

/** The outcome of one import: rows upserted, and the rejected lines (the first {@value #MAX_LISTED} listed). */
final class ImportResult {

  static final int MAX_LISTED = 1_000;

  private final JsonArray rejected = new JsonArray();
  private long imported;
  private long rejectedCount;

  void imported(int rows) {
    imported += rows;
  }

  void reject(Rejection rejection) {
    rejectedCount++;
    if (rejected.size() < MAX_LISTED) {
      rejected.add(new JsonObject().put("line", rejection.line()).put("error", rejection.error()));
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("imported", imported).put("rejected", rejected).put("rejectedCount", rejectedCount);
  }
}
