package nl.zes.exemption.exemptions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The {@code day_exemption} table and its per-year counter. */
final class DayExemptionRepository {

  /**
   * Creates the counter row or locks the existing one, returning how many are used: concurrent requests for the
   * same plate, municipality and year wait here for each other, so the limit check that follows is exact.
   */
  private static final String LOCK_COUNTER = """
      INSERT INTO day_exemption_count (plate, municipality, year, used) VALUES ($1, $2, $3, 0)
      ON CONFLICT (plate, municipality, year) DO UPDATE SET used = day_exemption_count.used
      RETURNING used""";
  private static final String EXISTS =
      "SELECT 1 FROM day_exemption WHERE plate = $1 AND municipality = $2 AND date = $3";
  private static final String INSERT = """
      INSERT INTO day_exemption (plate, municipality, date, valid_from, valid_until, requested_at)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING *""";
  private static final String COUNT_ONE_MORE =
      "UPDATE day_exemption_count SET used = used + 1 WHERE plate = $1 AND municipality = $2 AND year = $3";
  private static final String OF_YEAR = """
      SELECT * FROM day_exemption WHERE plate = $1 AND municipality = $2 AND date >= $3 AND date < $4
      ORDER BY date""";
  private static final String ALL = "SELECT * FROM day_exemption";

  private final Pool pool;

  DayExemptionRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Integer> lockUsed(SqlClient tx, String plate, String municipality, int year) {
    return tx.preparedQuery(LOCK_COUNTER).execute(Tuple.of(plate, municipality, year))
        .map(rows -> rows.iterator().next().getInteger("used"));
  }

  Future<Boolean> exists(SqlClient tx, String plate, String municipality, LocalDate date) {
    return tx.preparedQuery(EXISTS).execute(Tuple.of(plate, municipality, date)).map(rows -> rows.size() > 0);
  }

  Future<DayExemptionRecord> insert(SqlClient tx, DayExemptionRecord day, int year) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(day.plate(), day.municipality(), day.date(),
            day.validFrom().atOffset(ZoneOffset.UTC), day.validUntil().atOffset(ZoneOffset.UTC),
            day.requestedAt().atOffset(ZoneOffset.UTC)))
        .map(rows -> DayExemptionRecord.fromRow(rows.iterator().next()))
        .compose(created -> tx.preparedQuery(COUNT_ONE_MORE).execute(Tuple.of(day.plate(), day.municipality(), year))
            .map(created));
  }

  Future<List<DayExemptionRecord>> ofYear(String plate, String municipality, int year) {
    return pool.preparedQuery(OF_YEAR)
        .execute(Tuple.of(plate, municipality, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)))
        .map(rows -> {
          List<DayExemptionRecord> days = new ArrayList<>(rows.size());
          rows.forEach(row -> days.add(DayExemptionRecord.fromRow(row)));
          return days;
        });
  }

  Future<Void> forEach(Consumer<DayExemptionRecord> sink) {
    return pool.query(ALL).execute().onSuccess(rows -> rows.forEach(row -> sink.accept(DayExemptionRecord.fromRow(row))))
        .mapEmpty();
  }
}
