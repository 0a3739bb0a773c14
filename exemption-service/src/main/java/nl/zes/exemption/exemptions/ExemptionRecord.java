package nl.zes.exemption.exemptions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import nl.zes.common.messages.ExemptionChanged;
import nl.zes.exemption.api.Times;
import nl.zes.exemption.domain.ExemptionGrant;
import nl.zes.exemption.domain.ExemptionStatus;
import nl.zes.exemption.domain.ExemptionType;
import nl.zes.exemption.domain.Scope;

/** One long-term exemption application with its decision, as stored in the {@code exemption} table. */
public record ExemptionRecord(
    String id,
    String plate,
    ExemptionType type,
    Scope scope,
    List<String> municipalities,
    String applicantName,
    String applicantKvk,
    LocalDate requestedFrom,
    LocalDate requestedUntil,
    Instant submittedAt,
    ExemptionStatus status,
    LocalDate validFrom,
    LocalDate validUntil,
    Instant decidedAt,
    String reason,
    Instant revokedAt,
    String revocationReason,
    long version) {

  static ExemptionRecord fromRow(Row row) {
    String[] municipalities = row.getArrayOfStrings("municipalities");
    return new ExemptionRecord(
        row.getString("id"),
        row.getString("plate"),
        ExemptionType.valueOf(row.getString("type")),
        Scope.valueOf(row.getString("scope")),
        municipalities == null ? null : List.copyOf(Arrays.asList(municipalities)),
        row.getString("applicant_name"),
        row.getString("applicant_kvk"),
        row.getLocalDate("requested_from"),
        row.getLocalDate("requested_until"),
        instant(row.getOffsetDateTime("submitted_at")),
        ExemptionStatus.valueOf(row.getString("status")),
        row.getLocalDate("valid_from"),
        row.getLocalDate("valid_until"),
        instant(row.getOffsetDateTime("decided_at")),
        row.getString("reason"),
        instant(row.getOffsetDateTime("revoked_at")),
        row.getString("revocation_reason"),
        row.getLong("version"));
  }

  /** The grant the access rules use, or null when this exemption gives no access (not GRANTED). */
  public ExemptionGrant grant() {
    return status == ExemptionStatus.GRANTED && validFrom != null && validUntil != null
        ? new ExemptionGrant(id, type, scope, validFrom, validUntil)
        : null;
  }

  /** Whether it counts in a municipality: national ones everywhere, local ones where they name it. */
  public boolean appliesIn(String municipality) {
    return scope == Scope.NATIONAL || municipalities != null && municipalities.contains(municipality);
  }

  public JsonObject toJson() {
    JsonObject applicant = new JsonObject().put("name", applicantName);
    if (applicantKvk != null) {
      applicant.put("kvk", applicantKvk);
    }
    return new JsonObject()
        .put("id", id)
        .put("plate", plate)
        .put("type", type.name())
        .put("scope", scope.name())
        .put("municipalities", municipalities == null ? null : new JsonArray(municipalities))
        .put("applicant", applicant)
        .put("requestedFrom", Times.date(requestedFrom))
        .put("requestedUntil", Times.date(requestedUntil))
        .put("submittedAt", Times.moment(submittedAt))
        .put("status", status.name())
        .put("validFrom", Times.date(validFrom))
        .put("validUntil", Times.date(validUntil))
        .put("decidedAt", Times.moment(decidedAt))
        .put("reason", reason)
        .put("revokedAt", Times.moment(revokedAt))
        .put("revocationReason", revocationReason)
        .put("version", version);
  }

  public ExemptionChanged changed(Instant changedAt) {
    return new ExemptionChanged(ExemptionChanged.EXEMPTION, id, version, plate, type.name(), scope.name(),
        municipalities == null ? null : new JsonArray(municipalities), status.name(), Times.moment(submittedAt),
        Times.moment(decidedAt), Times.date(validFrom), Times.date(validUntil), null, null, Times.moment(changedAt));
  }

  private static Instant instant(OffsetDateTime moment) {
    return moment == null ? null : moment.toInstant();
  }
}
