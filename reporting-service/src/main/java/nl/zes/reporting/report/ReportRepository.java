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

  /** Per municipality-day sums kept by the consumer (V2.sql): a period reads one row per municipality and day. */
  static final String COMPLIANCE = "SELECT municipality, sum(allowed) AS allowed, sum(exempted) AS exempted,"
      + " sum(counted_warnings) AS warnings, sum(counted_fines) AS fines, sum(counted_repeats) AS repeats,"
      + " sum(not_enforceable) AS not_enforceable, sum(unresolved) AS unresolved"
      + " FROM municipality_day WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR municipality = $3)"
      + " GROUP BY municipality ORDER BY municipality";

  static final String ENFORCEMENT = "SELECT municipality, to_char(day, 'YYYY-MM') AS month,"
      + " sum(warnings) AS warnings, sum(fines) AS fines, sum(fine_amount_eur) AS fine_amount_eur"
      + " FROM municipality_day WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR municipality = $3)"
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
