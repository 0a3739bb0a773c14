package nl.zes.reporting.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The reports' reads, all from roll-ups; {@code $3} is an optional municipality (null: all). */
public final class ReportRepository {

  /** Counted in {@code passages}: vans and trucks with Dutch plates (foreign ones are never resolved). */
  private static final String COUNTED = "NOT foreign_plate AND vehicle_kind IN ('VAN', 'TRUCK')";

  static final String COMPLIANCE = "SELECT municipality,"
      + " coalesce(sum(passages) FILTER (WHERE " + COUNTED + " AND verdict = 'ALLOWED'"
      + "   AND basis IN ('ZONE_NOT_ACTIVE', 'ZERO_EMISSION', 'VRIJSTELLING', 'TRANSITION')), 0) AS allowed,"
      + " coalesce(sum(passages) FILTER (WHERE " + COUNTED + " AND verdict = 'ALLOWED'"
      + "   AND basis IN ('EXEMPTION', 'DAY_EXEMPTION')), 0) AS exempted,"
      + " coalesce(sum(passages) FILTER (WHERE " + COUNTED + " AND verdict = 'WARNING'), 0) AS warnings,"
      + " coalesce(sum(passages) FILTER (WHERE " + COUNTED + " AND verdict = 'FINE'), 0) AS fines,"
      + " coalesce(sum(passages) FILTER (WHERE " + COUNTED + " AND verdict = 'REPEAT'), 0) AS repeats,"
      + " coalesce(sum(passages) FILTER (WHERE verdict = 'NOT_ENFORCEABLE'), 0) AS not_enforceable,"
      + " coalesce(sum(passages) FILTER (WHERE verdict = 'UNRESOLVED'), 0) AS unresolved"
      + " FROM passage_rollup WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR municipality = $3)"
      + " GROUP BY municipality ORDER BY municipality";

  static final String ENFORCEMENT = "SELECT municipality, to_char(day, 'YYYY-MM') AS month,"
      + " coalesce(sum(passages) FILTER (WHERE verdict = 'WARNING'), 0) AS warnings,"
      + " coalesce(sum(passages) FILTER (WHERE verdict = 'FINE'), 0) AS fines,"
      + " coalesce(sum(fine_amount_eur) FILTER (WHERE verdict = 'FINE'), 0) AS fine_amount_eur"
      + " FROM passage_rollup WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR municipality = $3)"
      + " GROUP BY 1, 2 ORDER BY 1, 2";

  /** A municipality sees the national applications (valid in its zone too) and the local ones naming it. */
  static final String APPLICATIONS = "SELECT to_char(submitted_on, 'YYYY-MM') AS month, type, scope, status,"
      + " count(*) AS n FROM exemption_application WHERE submitted_on BETWEEN $1 AND $2"
      + " AND ($3::text IS NULL OR scope = 'NATIONAL' OR $3 = ANY(municipalities)) GROUP BY 1, 2, 3, 4";

  static final String DAY_EXEMPTIONS = "SELECT to_char(day, 'YYYY-MM') AS month, municipality, count(*) AS n"
      + " FROM day_exemption WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR municipality = $3)"
      + " GROUP BY 1, 2 ORDER BY 1, 2";

  public record ComplianceRow(String municipality, long allowed, long exempted, long warnings, long fines,
      long repeats, long notEnforceable, long unresolved) {
  }

  public record EnforcementRow(String municipality, String month, long warnings, long fines, long fineAmountEur) {
  }

  public record ApplicationCount(String month, String type, String scope, String status, long count) {
  }

  public record DayExemptionCount(String month, String municipality, long count) {
  }

  private final Pool pool;

  public ReportRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<ComplianceRow>> compliance(ReportRequest request) {
    return query(COMPLIANCE, request, row -> new ComplianceRow(row.getString("municipality"), row.getLong("allowed"),
        row.getLong("exempted"), row.getLong("warnings"), row.getLong("fines"), row.getLong("repeats"),
        row.getLong("not_enforceable"), row.getLong("unresolved")));
  }

  public Future<List<EnforcementRow>> enforcement(ReportRequest request) {
    return query(ENFORCEMENT, request, row -> new EnforcementRow(row.getString("municipality"),
        row.getString("month"), row.getLong("warnings"), row.getLong("fines"), row.getLong("fine_amount_eur")));
  }

  public Future<List<ApplicationCount>> applications(ReportRequest request) {
    return query(APPLICATIONS, request, row -> new ApplicationCount(row.getString("month"), row.getString("type"),
        row.getString("scope"), row.getString("status"), row.getLong("n")));
  }

  public Future<List<DayExemptionCount>> dayExemptions(ReportRequest request) {
    return query(DAY_EXEMPTIONS, request, row -> new DayExemptionCount(row.getString("month"),
        row.getString("municipality"), row.getLong("n")));
  }

  private <T> Future<List<T>> query(String sql, ReportRequest request, Function<Row, T> mapper) {
    return pool.preparedQuery(sql).execute(Tuple.of(request.from(), request.to(), request.municipality()))
        .map(rows -> {
          List<T> result = new ArrayList<>(rows.size());
          rows.forEach(row -> result.add(mapper.apply(row)));
          return result;
        });
  }
}
