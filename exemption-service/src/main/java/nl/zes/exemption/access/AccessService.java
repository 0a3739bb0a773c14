package nl.zes.exemption.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.zes.common.Plates;
import nl.zes.common.Timestamps;
import nl.zes.common.bus.BusHeaders;
import nl.zes.common.messages.AccessAnswer;
import nl.zes.common.problem.Problem;
import nl.zes.exemption.api.Fields;
import nl.zes.exemption.api.Times;
import nl.zes.exemption.domain.AccessDecision;
import nl.zes.exemption.domain.AccessRules;
import nl.zes.exemption.domain.Amsterdam;
import nl.zes.exemption.domain.DayExemptionGrant;
import nl.zes.exemption.domain.ExemptionGrant;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.index.AccessIndex;
import nl.zes.exemption.municipality.Municipalities;
import nl.zes.exemption.municipality.Municipality;

/**
 * Access questions, answered from the in-memory index: {@code GET /access}, {@code GET /exemptions/status} and the
 * batches of the passage evaluation ({@code exemptions.access.batch}).
 */
public final class AccessService {

  private static final String NL = "NL";

  private final AccessRules rules;
  private final AccessIndex index;
  private final Municipalities municipalities;

  public AccessService(AccessRules rules, AccessIndex index, Municipalities municipalities) {
    this.rules = rules;
    this.index = index;
    this.municipalities = municipalities;
  }

  /** Decides one passage of a normalised plate; {@code foreign} plates are not looked up in the register. */
  public AccessDecision decide(String plate, boolean foreign, Municipality municipality, String zone, Instant at) {
    return decide(plate, foreign ? null : index.vehicle(plate), foreign, municipality, zone, at);
  }

  private AccessDecision decide(
      String plate, Vehicle vehicle, boolean foreign, Municipality municipality, String zone, Instant at) {
    return rules.decide(vehicle, foreign, municipality.zoneStart(zone), at,
        index.exemptions(plate, municipality.code()), index.dayExemptions(plate, municipality.code()));
  }

  /** {@code {plate, municipality, at?}} → API.md's access decision. */
  public JsonObject check(JsonObject request, BusHeaders.Caller caller) {
    String plate = Fields.plate(request, "plate");
    Municipality municipality = municipality(request, caller);
    OffsetDateTime at = moment(request);
    AccessDecision decision = decide(plate, false, municipality, null, at.toInstant());
    return new JsonObject()
        .put("plate", plate)
        .put("municipality", municipality.code())
        .put("at", Times.moment(at))
        .put("allowed", decision.allowed())
        .put("basis", decision.basis().name())
        .put("rule", decision.ruleId())
        .put("allowedUntil", Times.moment(decision.allowedUntil()))
        .put("exemptionId", decision.exemptionId())
        .put("explanation", decision.explanation());
  }

  /** {@code {plate, municipality, at?}} → the exemptions and the day exemption valid at that moment. */
  public JsonObject status(JsonObject request, BusHeaders.Caller caller) {
    String plate = Fields.plate(request, "plate");
    Municipality municipality = municipality(request, caller);
    OffsetDateTime at = moment(request);
    Instant instant = at.toInstant();
    JsonArray exemptions = new JsonArray();
    for (ExemptionGrant grant : index.exemptions(plate, municipality.code())) {
      if (grant.validOn(Amsterdam.dateOf(instant))) {
        exemptions.add(new JsonObject().put("id", grant.id()).put("type", grant.type().name())
            .put("scope", grant.scope().name()).put("validFrom", Times.date(grant.validFrom()))
            .put("validUntil", Times.date(grant.validUntil())));
      }
    }
    JsonObject day = null;
    for (DayExemptionGrant grant : index.dayExemptions(plate, municipality.code())) {
      if (grant.validAt(instant)) {
        day = new JsonObject().put("id", grant.id()).put("date", grant.date().toString())
            .put("validFrom", Times.moment(grant.validFrom())).put("validUntil", Times.moment(grant.validUntil()));
      }
    }
    return new JsonObject().put("plate", plate).put("municipality", municipality.code()).put("at", Times.moment(at))
        .put("exempt", !exemptions.isEmpty() || day != null).put("exemptions", exemptions).put("dayExemption", day);
  }

  /**
   * {@code {items:[AccessQuery…]}} → {@code {items:[AccessAnswer…]}} in the same order. A Dutch plate that fits no
   * sidecode is a misread: not in the register, so UNRESOLVED. An item without plate, municipality or a valid
   * {@code at}, or of an unknown municipality, fails the whole batch (the passage-service validated them).
   */
  public JsonObject batch(JsonObject request) {
    JsonArray items = Fields.optionalArray(request, "items");
    if (items == null) {
      throw Fields.missing("items");
    }
    JsonArray answers = new JsonArray(new java.util.ArrayList<>(items.size()));
    // Most answers of a batch end at one of a few moments (a rule's transition date, the end of a day); each is
    // formatted once.
    Map<Instant, String> moments = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      answers.add(answer(i, items.getValue(i), moments));
    }
    return new JsonObject().put("items", answers);
  }

  private JsonObject answer(int position, Object item, Map<Instant, String> moments) {
    if (!(item instanceof JsonObject query)) {
      throw itemProblem(position, "item", "must be an object {plate, country, municipality, zone, at}", 400);
    }
    Object plateValue = query.getValue("plate");
    Object municipalityValue = query.getValue("municipality");
    Object atValue = query.getValue("at");
    if (!(plateValue instanceof String rawPlate) || rawPlate.isBlank()) {
      throw itemProblem(position, "plate", "is required", 400);
    }
    if (!(municipalityValue instanceof String code)) {
      throw itemProblem(position, "municipality", "is required", 400);
    }
    Instant at;
    try {
      at = Timestamps.parse(String.valueOf(atValue)).toInstant();
    } catch (DateTimeParseException e) {
      throw itemProblem(position, "at", "must be a timestamp with offset", 400);
    }
    Municipality municipality = municipalities.get(code);
    if (municipality == null) {
      throw itemProblem(position, "municipality", "unknown municipality " + code, 422);
    }
    String country = query.getString("country");
    boolean foreign = country != null && !NL.equalsIgnoreCase(country);
    String plate = Plates.normalise(rawPlate);
    Vehicle vehicle = foreign ? null : index.vehicle(plate);
    AccessDecision decision = decide(plate, vehicle, foreign, municipality, query.getString("zone"), at);
    return new AccessAnswer(decision.allowed(), decision.basis().name(), decision.ruleId(),
        vehicle == null ? null : vehicle.kind().name(),
        decision.allowedUntil() == null ? null : moments.computeIfAbsent(decision.allowedUntil(), Times::moment),
        decision.exemptionId(), municipality.enforcementStart().toString(), decision.explanation()).toJson();
  }

  private Municipality municipality(JsonObject request, BusHeaders.Caller caller) {
    String code = Fields.text(request, "municipality");
    if (caller.isMunicipality() && !code.equals(caller.municipality())) {
      throw Problem.forbidden("a municipality key may only ask about its own municipality").exception();
    }
    return municipalities.require("municipality", code);
  }

  private static OffsetDateTime moment(JsonObject request) {
    OffsetDateTime at = Fields.optionalMoment(request, "at");
    return at != null ? at : OffsetDateTime.now(Amsterdam.ZONE);
  }

  private static RuntimeException itemProblem(int index, String field, String message, int status) {
    JsonArray errors = new JsonArray().add(new JsonObject().put("index", index)
        .put("errors", new JsonArray(List.of(Problem.fieldError(field, message)))));
    String detail = "item " + index + ": " + field + " " + message;
    Problem problem = status == 422
        ? new Problem(Problem.TYPE_PREFIX + "unprocessable", "Well-formed but not acceptable", 422, detail, errors)
        : new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400, detail, errors);
    return problem.exception();
  }
}
