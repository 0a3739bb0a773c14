package nl.zes.reporting.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import nl.zes.common.bus.BusHeaders;
import nl.zes.common.problem.Problem;

/**
 * A report's parameters, validated: the period [from, to] (inclusive, at most 10 years), an optional
 * municipality (a municipality caller is always restricted to its own), and the outcome scope of the exemptions
 * report. Whether the municipality exists is checked later, against the municipality list.
 */
public record ReportRequest(LocalDate from, LocalDate to, String municipality, String scope) {

  public static final int MAX_YEARS = 10;
  private static final Pattern CBS_CODE = Pattern.compile("GM\\d{4}");

  /** Throws the problem that answers an invalid request. */
  public static ReportRequest of(JsonObject body, BusHeaders.Caller caller) {
    JsonObject params = body == null ? new JsonObject() : body;
    JsonArray errors = new JsonArray();
    LocalDate from = date(params, "from", errors);
    LocalDate to = date(params, "to", errors);
    String municipality = text(params, "municipality", errors);
    if (municipality != null && !CBS_CODE.matcher(municipality).matches()) {
      errors.add(Problem.fieldError("municipality", "must be a CBS code such as GM0363"));
    }
    String scope = text(params, "scope", errors);
    if (scope == null) {
      scope = "all";
    } else if (!scope.equals("national") && !scope.equals("local") && !scope.equals("all")) {
      errors.add(Problem.fieldError("scope", "must be one of national, local, all"));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalidFields(errors.getJsonObject(0).getString("field") + ": "
          + errors.getJsonObject(0).getString("message"), errors).exception();
    }
    if (from.isAfter(to)) {
      throw Problem.unprocessable("from", "must not be after to").exception();
    }
    if (!to.isBefore(from.plusYears(MAX_YEARS))) {
      throw Problem.unprocessable("to", "the period may span at most " + MAX_YEARS + " years").exception();
    }
    if (caller.isMunicipality()) {
      if (caller.municipality() == null || (municipality != null && !municipality.equals(caller.municipality()))) {
        throw Problem.forbidden("a municipality key reads its own municipality's reports only").exception();
      }
      municipality = caller.municipality();
    }
    return new ReportRequest(from, to, municipality, scope);
  }

  private static LocalDate date(JsonObject params, String field, JsonArray errors) {
    int before = errors.size();
    String value = text(params, field, errors);
    if (value == null) {
      if (errors.size() == before) {
        errors.add(Problem.fieldError(field, "is required (a date YYYY-MM-DD)"));
      }
      return null;
    }
    try {
      if (value.length() != 10) {
        throw new DateTimeParseException("not YYYY-MM-DD", value, 0);
      }
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(Problem.fieldError(field, "must be a date YYYY-MM-DD"));
      return null;
    }
  }

  private static String text(JsonObject params, String field, JsonArray errors) {
    Object value = params.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(Problem.fieldError(field, "must be a string"));
      return null;
    }
    return s.isBlank() ? null : s.trim();
  }
}
