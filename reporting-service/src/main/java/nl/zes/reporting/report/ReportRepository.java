package nl.zes.reporting.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The reports' reads, all from roll-ups; {@code $3} is an optional municipality (null: all). */
public final class ReportRepository {

  /**
   * The compliance and enforcement sums per municipality and month, from the per municipality-day sums kept by the
   * consumer (V2.sql): a period reads one row per municipality and day. {@code day::timestamp} formats without a
   * time zone conversion per row.
   */
  static final String MUNICIPALITY_MONTHS = "SELECT municipality, to_char(day::timestamp, 'YYYY-MM') AS month,"
      + " sum(allowed) AS allowed, sum(exempted) AS exempted, sum(counted_warnings) AS counted_warnings,"
      + " sum(counted_fines) AS counted_fines, sum(counted_repeats) AS counted_repeats,"
      + " sum(not_enforceable) AS not_enforceable, sum(unresolved) AS unresolved,"
      + " sum(warnings) AS warnings, sum(fines) AS fines, sum(fine_amount_eur) AS fine_amount_eur"
      + " FROM municipality_day WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR municipality = $3)"
      + " GROUP BY 1, 2 ORDER BY 1, 2";

  /** A municipality sees the national applications (valid in its zone too) and the local ones naming it. */
  static final String APPLICATIONS = "SELECT to_char(submitted_on::timestamp, 'YYYY-MM') AS month, type, scope,"
      + " status, count(*) AS n FROM exemption_application WHERE submitted_on BETWEEN $1 AND $2"
      + " AND ($3::text IS NULL OR scope = 'NATIONAL' OR $3 = ANY(municipalities)) GROUP BY 1, 2, 3, 4";

  /** From the counts per day and municipality kept by the consumer (V3.sql); a moved day exemption leaves a 0. */
  static final String DAY_EXEMPTIONS = "SELECT to_char(day::timestamp, 'YYYY-MM') AS month, municipality,"
      + " sum(n) AS n FROM day_exemption_count WHERE day BETWEEN $1 AND $2"
      + " AND ($3::text IS NULL OR municipality = $3) GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY 1, 2";

  /** One municipality's month: the compliance formula's counts and every warning, fine and fine amount. */
  public record MunicipalityMonth(String municipality, String month, ComplianceRow counted, long warnings,
      long fines, long fineAmountEur) {
  }

  public record ComplianceRow(String municipality, long allowed, long exempted, long warnings, long fines,
      long repeats, long notEnforceable, long unresolved) {
  }

  public record ApplicationCount(String month, String type, String scope, String status, long count) {
  }

  public record DayExemptionCount(String month, String municipality, long count) {
  }

  private final Pool pool;

  public ReportRepository(Pool pool) {
    this.pool = pool;
  }

  /** The monitoring bundle's reads. */
  public record MonitoringRows(List<MunicipalityMonth> municipalityMonths, List<ApplicationCount> applications,
      List<DayExemptionCount> dayExemptions) {
  }

  public Future<List<MunicipalityMonth>> municipalityMonths(ReportRequest request) {
    return municipalityMonths(pool, request);
  }

  public Future<List<ApplicationCount>> applications(ReportRequest request) {
    return applications(pool, request);
  }

  public Future<List<DayExemptionCount>> dayExemptions(ReportRequest request) {
    return dayExemptions(pool, request);
  }

  /**
   * The monitoring bundle's three reads pipelined on one connection: one round trip and one PostgreSQL backend to
   * wake, which on a busy machine waits less for a CPU than three backends do.
   */
  public Future<MonitoringRows> monitoring(ReportRequest request) {
    return pool.withConnection(connection -> {
      Future<List<MunicipalityMonth>> months = municipalityMonths(connection, request);
      Future<List<ApplicationCount>> applications = applications(connection, request);
      Future<List<DayExemptionCount>> dayExemptions = dayExemptions(connection, request);
      return Future.all(months, applications, dayExemptions)
          .map(v -> new MonitoringRows(months.result(), applications.result(), dayExemptions.result()));
    });
  }

  private static Future<List<MunicipalityMonth>> municipalityMonths(SqlClient client, ReportRequest request) {
    return query(client, MUNICIPALITY_MONTHS, request, row -> new MunicipalityMonth(row.getString("municipality"),
        row.getString("month"), new ComplianceRow(row.getString("municipality"), row.getLong("allowed"),
            row.getLong("exempted"), row.getLong("counted_warnings"), row.getLong("counted_fines"),
            row.getLong("counted_repeats"), row.getLong("not_enforceable"), row.getLong("unresolved")),
        row.getLong("warnings"), row.getLong("fines"), row.getLong("fine_amount_eur")));
  }

  private static Future<List<ApplicationCount>> applications(SqlClient client, ReportRequest request) {
    return query(client, APPLICATIONS, request, row -> new ApplicationCount(row.getString("month"),
        row.getString("type"), row.getString("scope"), row.getString("status"), row.getLong("n")));
  }

  private static Future<List<DayExemptionCount>> dayExemptions(SqlClient client, ReportRequest request) {
    return query(client, DAY_EXEMPTIONS, request, row -> new DayExemptionCount(row.getString("month"),
        row.getString("municipality"), row.getLong("n")));
  }

  private static <T> Future<List<T>> query(SqlClient client, String sql, ReportRequest request,
      Function<Row, T> mapper) {
    return client.preparedQuery(sql).execute(Tuple.of(request.from(), request.to(), request.municipality()))
        .map(rows -> {
          List<T> result = new ArrayList<>(rows.size());
          rows.forEach(row -> result.add(mapper.apply(row)));
          return result;
        });
  }
}
