package nl.zes.exemption.exemptions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import nl.zes.exemption.domain.ExemptionStatus;

/** The {@code exemption} table. */
final class ExemptionRepository {

  private static final String INSERT = """
      INSERT INTO exemption (plate, type, scope, municipalities, applicant_name, applicant_kvk, requested_from,
                             requested_until, submitted_at, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING') RETURNING *""";
  private static final String SELECT_FOR_UPDATE = "SELECT * FROM exemption WHERE id = $1 FOR UPDATE";
  private static final String SELECT = "SELECT * FROM exemption WHERE id = $1";
  private static final String DECIDE = """
      UPDATE exemption SET status = $2, valid_from = $3, valid_until = $4, decided_at = $5, reason = $6,
        version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING *""";
  private static final String REVOKE = """
      UPDATE exemption SET status = 'REVOKED', revoked_at = $2, revocation_reason = $3, version = version + 1,
        updated_at = now()
      WHERE id = $1 RETURNING *""";
  private static final String PAGE = """
      SELECT * FROM exemption
      WHERE ($1::text IS NULL OR plate = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR type = $3)
        AND ($4::text IS NULL OR scope = 'NATIONAL' OR $4 = ANY (municipalities)) AND seq > $5
      ORDER BY seq LIMIT $6""";
  private static final String GRANTED = "SELECT * FROM exemption WHERE status = 'GRANTED'";

  private final Pool pool;

  ExemptionRepository(Pool pool) {
    this.pool = pool;
  }

  Future<ExemptionRecord> insert(SqlClient tx, Application a) {
    return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
        a.plate(), a.type().name(), a.scope().name(),
        a.municipalities() == null ? null : a.municipalities().toArray(new String[0]),
        a.applicantName(), a.applicantKvk(), a.requestedFrom(), a.requestedUntil(),
        a.submittedAt().atOffset(ZoneOffset.UTC)}))
        .map(ExemptionRepository::single);
  }

  Future<ExemptionRecord> lock(SqlClient tx, String id) {
    return tx.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(id)).map(ExemptionRepository::singleOrNull);
  }

  Future<ExemptionRecord> find(String id) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(id)).map(ExemptionRepository::singleOrNull);
  }

  Future<ExemptionRecord> decide(SqlClient tx, String id, ExemptionStatus status, LocalDate validFrom,
      LocalDate validUntil, Instant decidedAt, String reason) {
    return tx.preparedQuery(DECIDE).execute(Tuple.from(new Object[] {
        id, status.name(), validFrom, validUntil, decidedAt.atOffset(ZoneOffset.UTC), reason}))
        .map(ExemptionRepository::single);
  }

  Future<ExemptionRecord> revoke(SqlClient tx, String id, Instant revokedAt, String reason) {
    return tx.preparedQuery(REVOKE).execute(Tuple.of(id, revokedAt.atOffset(ZoneOffset.UTC), reason))
        .map(ExemptionRepository::single);
  }

  /** Up to {@code limit} exemptions after {@code afterSeq}, oldest first; null filters match all. */
  Future<List<ExemptionRecord>> page(String plate, String status, String type, String municipality, long afterSeq,
      int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(plate, status, type, municipality, afterSeq, limit))
        .map(rows -> {
          List<ExemptionRecord> page = new ArrayList<>(rows.size());
          rows.forEach(row -> page.add(ExemptionRecord.fromRow(row)));
          return page;
        });
  }

  Future<Void> forEachGranted(Consumer<ExemptionRecord> sink) {
    return pool.query(GRANTED).execute().onSuccess(rows -> rows.forEach(row -> sink.accept(ExemptionRecord.fromRow(row))))
        .mapEmpty();
  }

  private static ExemptionRecord single(RowSet<Row> rows) {
    return ExemptionRecord.fromRow(rows.iterator().next());
  }

  private static ExemptionRecord singleOrNull(RowSet<Row> rows) {
    return rows.size() == 0 ? null : ExemptionRecord.fromRow(rows.iterator().next());
  }
}
