package nl.zes.exemption.exemptions;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import nl.zes.common.messages.ExemptionChanged;
import nl.zes.exemption.api.Times;
import nl.zes.exemption.domain.DayExemptionGrant;

/** One day exemption, as stored in the {@code day_exemption} table. Day exemptions never change once granted. */
public record DayExemptionRecord(
    String id, String plate, String municipality, LocalDate date, Instant validFrom, Instant validUntil,
    Instant requestedAt) {

  static final long VERSION = 1;

  static DayExemptionRecord fromRow(Row row) {
    return new DayExemptionRecord(row.getString("id"), row.getString("plate"), row.getString("municipality"),
        row.getLocalDate("date"), row.getOffsetDateTime("valid_from").toInstant(),
        row.getOffsetDateTime("valid_until").toInstant(), row.getOffsetDateTime("requested_at").toInstant());
  }

  public DayExemptionGrant grant() {
    return new DayExemptionGrant(id, date, validFrom, validUntil);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("plate", plate).put("municipality", municipality)
        .put("date", date.toString()).put("validFrom", Times.moment(validFrom))
        .put("validUntil", Times.moment(validUntil)).put("requestedAt", Times.moment(requestedAt));
  }

  public ExemptionChanged changed() {
    return new ExemptionChanged(ExemptionChanged.DAY_EXEMPTION, id, VERSION, plate, null, null, null, null, null,
        null, Times.moment(validFrom), Times.moment(validUntil), municipality, date.toString(),
        Times.moment(requestedAt));
  }
}
