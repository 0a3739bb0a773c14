package nl.zes.common.messages;

import io.vertx.core.json.JsonObject;

/**
 * The exemption-service's answer for one {@link AccessQuery}.
 *
 * @param allowed whether the vehicle may enter at that moment
 * @param basis one of API.md's bases (NOT_IN_SCOPE … UNRESOLVED, NONE)
 * @param rule the id of the DOMAIN.md §3 rule (or EXEMPTION, DAY_EXEMPTION, FOREIGN, UNRESOLVED) that decided
 * @param vehicleKind VAN, TRUCK, OTHER, or null when the plate is not in the register
 * @param allowedUntil ISO instant when the allowance ends, or null
 * @param exemptionId the exemption or day exemption that allowed it, or null
 * @param enforcementStart the municipality's fines date (ISO date): a violation before it is a warning
 * @param explanation one plain sentence
 */
public record AccessAnswer(boolean allowed, String basis, String rule, String vehicleKind, String allowedUntil,
    String exemptionId, String enforcementStart, String explanation) {

  public JsonObject toJson() {
    return new JsonObject().put("allowed", allowed).put("basis", basis).put("rule", rule)
        .put("vehicleKind", vehicleKind).put("allowedUntil", allowedUntil).put("exemptionId", exemptionId)
        .put("enforcementStart", enforcementStart).put("explanation", explanation);
  }

  public static AccessAnswer fromJson(JsonObject json) {
    return new AccessAnswer(json.getBoolean("allowed", false), json.getString("basis"), json.getString("rule"),
        json.getString("vehicleKind"), json.getString("allowedUntil"), json.getString("exemptionId"),
        json.getString("enforcementStart"), json.getString("explanation"));
  }
}
