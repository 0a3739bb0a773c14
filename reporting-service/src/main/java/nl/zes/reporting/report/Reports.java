package nl.zes.reporting.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.zes.common.problem.Problem;
import nl.zes.reporting.report.ReportRepository.ApplicationCount;
import nl.zes.reporting.report.ReportRepository.ComplianceRow;
import nl.zes.reporting.report.ReportRepository.DayExemptionCount;
import nl.zes.reporting.report.ReportRepository.MunicipalityMonth;

/**
 * The reports of API.md ("Reports") built from the roll-ups. Fractions carry 6 decimals. Months run from the
 * period's first to its last month, zero-filled. An application's outcome is its status now; a REVOKED one
 * counts as granted (it was granted, then revoked).
 */
public final class Reports {

  /** DOMAIN.md §5's types in the letter's order; every report lists all of them. */
  static final List<String> EXEMPTION_TYPES = List.of("PRIVATE_USE", "DISABILITY_ADAPTED", "SPECIAL_VEHICLE",
      "NOT_AVAILABLE_ZERO_EMISSION", "DELIVERY_TIME", "BUSINESS_ECONOMIC", "HARDSHIP", "GRID_CONGESTION");
  private static final int DECIMALS = 6;

  private final ReportRepository repository;
  private final Municipalities municipalities;

  public Reports(ReportRepository repository, Municipalities municipalities) {
    this.repository = repository;
    this.municipalities = municipalities;
  }

  public Future<JsonObject> compliance(ReportRequest request) {
    return checked(request).compose(names -> repository.municipalityMonths(request)
        .map(rows -> compliance(request, names, rows)));
  }

  public Future<JsonObject> enforcement(ReportRequest request) {
    return checked(request).compose(names -> repository.municipalityMonths(request)
        .map(rows -> enforcement(request, names, rows)));
  }

  public Future<JsonObject> exemptions(ReportRequest request) {
    return checked(request).compose(names -> repository.applications(request)
        .map(rows -> applications(request, rows)));
  }

  public Future<JsonObject> dayExemptions(ReportRequest request) {
    return checked(request).compose(names -> repository.dayExemptions(request)
        .map(rows -> dayExemptions(request, names, rows)));
  }

  public Future<JsonObject> monitoring(ReportRequest request) {
    ReportRequest allScopes = new ReportRequest(request.from(), request.to(), request.municipality(), "all");
    return checked(request).compose(names -> repository.monitoring(allScopes).map(rows -> period(request)
        .put("compliance", compliance(allScopes, names, rows.municipalityMonths()))
        .put("enforcement", enforcement(allScopes, names, rows.municipalityMonths()))
        .put("exemptions", applications(allScopes, rows.applications()))
        .put("dayExemptions", dayExemptions(allScopes, names, rows.dayExemptions()))));
  }

  private Future<Municipalities.Names> checked(ReportRequest request) {
    return municipalities.names().compose(names -> request.municipality() != null
        && !names.exists(request.municipality())
        ? Future.failedFuture(Problem.unprocessable("municipality", "unknown municipality").exception())
        : Future.succeededFuture(names));
  }

  private static JsonObject compliance(ReportRequest request, Municipalities.Names names,
      List<MunicipalityMonth> rows) {
    JsonArray items = new JsonArray();
    Double min = null;
    Double max = null;
    boolean requestedSeen = false;
    for (ComplianceRow row : perMunicipality(rows)) {
      JsonObject item = complianceItem(row, names);
      items.add(item);
      requestedSeen |= row.municipality().equals(request.municipality());
      Double rate = item.getDouble("complianceRate");
      if (rate != null) {
        min = min == null ? rate : Math.min(min, rate);
        max = max == null ? rate : Math.max(max, rate);
      }
    }
    if (request.municipality() != null && !requestedSeen) {
      items.add(complianceItem(new ComplianceRow(request.municipality(), 0, 0, 0, 0, 0, 0, 0), names));
    }
    return period(request).put("municipalities", items)
        .put("range", new JsonObject().put("min", min).put("max", max));
  }

  /** The months of each municipality summed, in the rows' order (by municipality). */
  private static List<ComplianceRow> perMunicipality(List<MunicipalityMonth> rows) {
    List<ComplianceRow> sums = new ArrayList<>();
    for (MunicipalityMonth row : rows) {
      ComplianceRow c = row.counted();
      int last = sums.size() - 1;
      if (last >= 0 && sums.get(last).municipality().equals(c.municipality())) {
        ComplianceRow s = sums.get(last);
        sums.set(last, new ComplianceRow(s.municipality(), s.allowed() + c.allowed(), s.exempted() + c.exempted(),
            s.warnings() + c.warnings(), s.fines() + c.fines(), s.repeats() + c.repeats(),
            s.notEnforceable() + c.notEnforceable(), s.unresolved() + c.unresolved()));
      } else {
        sums.add(c);
      }
    }
    return sums;
  }

  private static JsonObject complianceItem(ComplianceRow row, Municipalities.Names names) {
    long passages = row.allowed() + row.exempted() + row.warnings() + row.fines() + row.repeats();
    Double rate = passages == 0 ? null : BigDecimal.valueOf(passages - row.warnings() - row.fines())
        .divide(BigDecimal.valueOf(passages), DECIMALS, RoundingMode.DOWN).doubleValue();
    return new JsonObject().put("code", row.municipality()).put("name", names.name(row.municipality()))
        .put("passages", passages).put("allowed", row.allowed()).put("exempted", row.exempted())
        .put("warnings", row.warnings()).put("fines", row.fines()).put("repeats", row.repeats())
        .put("notEnforceable", row.notEnforceable()).put("unresolved", row.unresolved())
        .put("complianceRate", rate);
  }

  private static JsonObject enforcement(ReportRequest request, Municipalities.Names names,
      List<MunicipalityMonth> rows) {
    JsonArray items = new JsonArray();
    long warnings = 0;
    long fines = 0;
    long amount = 0;
    for (MunicipalityMonth row : rows) {
      items.add(new JsonObject().put("municipality", row.municipality()).put("name", names.name(row.municipality()))
          .put("month", row.month()).put("warnings", row.warnings()).put("fines", row.fines())
          .put("fineAmountEur", row.fineAmountEur()));
      warnings += row.warnings();
      fines += row.fines();
      amount += row.fineAmountEur();
    }
    return period(request).put("items", items)
        .put("totals", new JsonObject().put("warnings", warnings).put("fines", fines).put("fineAmountEur", amount));
  }

  private static JsonObject applications(ReportRequest request, List<ApplicationCount> rows) {
    Map<String, Long> perMonth = months(request);
    Map<String, Long> perType = new LinkedHashMap<>();
    EXEMPTION_TYPES.forEach(t -> perType.put(t, 0L));
    long local = 0;
    long national = 0;
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (String outcome : List.of("granted", "rejected", "setAside", "pending")) {
      outcomes.put(outcome, 0L);
    }
    for (ApplicationCount row : rows) {
      perMonth.merge(row.month(), row.count(), Long::sum);
      perType.merge(row.type(), row.count(), Long::sum);
      if ("LOCAL".equals(row.scope())) {
        local += row.count();
      } else {
        national += row.count();
      }
      if (request.scope().equals("all") || request.scope().equalsIgnoreCase(row.scope())) {
        outcomes.merge(outcome(row.status()), row.count(), Long::sum);
      }
    }
    long total = local + national;
    JsonArray byType = new JsonArray();
    perType.forEach((type, count) -> byType.add(new JsonObject().put("type", type).put("count", count)
        .put("share", share(count, total))));
    long decided = outcomes.values().stream().mapToLong(Long::longValue).sum();
    JsonObject shares = new JsonObject();
    outcomes.forEach((outcome, count) -> shares.put(outcome, share(count, decided)));
    JsonObject outcome = new JsonObject().put("scope", request.scope()).put("total", decided);
    outcomes.forEach(outcome::put);
    outcome.put("shares", shares);
    return period(request).put("applicationsPerMonth", monthList(perMonth)).put("byType", byType)
        .put("local", local).put("national", national).put("outcomes", outcome);
  }

  private static JsonObject dayExemptions(ReportRequest request, Municipalities.Names names,
      List<DayExemptionCount> rows) {
    Map<String, Long> perMonth = months(request);
    Map<String, Long> perMunicipality = new TreeMap<>();
    for (DayExemptionCount row : rows) {
      perMonth.merge(row.month(), row.count(), Long::sum);
      perMunicipality.merge(row.municipality(), row.count(), Long::sum);
    }
    JsonArray municipalities = new JsonArray();
    perMunicipality.forEach((code, count) -> municipalities.add(new JsonObject().put("municipality", code)
        .put("name", names.name(code)).put("count", count)));
    return period(request).put("perMonth", monthList(perMonth)).put("perMunicipality", municipalities);
  }

  private static String outcome(String status) {
    return switch (status) {
      case "GRANTED", "REVOKED" -> "granted";
      case "REJECTED" -> "rejected";
      case "SET_ASIDE" -> "setAside";
      default -> "pending";
    };
  }

  private static Double share(long count, long total) {
    return total == 0 ? null
        : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(total), DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static Map<String, Long> months(ReportRequest request) {
    Map<String, Long> months = new LinkedHashMap<>();
    for (YearMonth m = YearMonth.from(request.from()); !m.isAfter(YearMonth.from(request.to())); m = m.plusMonths(1)) {
      months.put(m.toString(), 0L);
    }
    return months;
  }

  private static JsonArray monthList(Map<String, Long> perMonth) {
    JsonArray list = new JsonArray();
    perMonth.forEach((month, count) -> list.add(new JsonObject().put("month", month).put("count", count)));
    return list;
  }

  private static JsonObject period(ReportRequest request) {
    return new JsonObject().put("from", request.from().toString()).put("to", request.to().toString());
  }
}
