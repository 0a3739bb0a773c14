package nl.zes.exemption.municipality;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The {@code municipality} table. */
public final class MunicipalityRepository {

  private static final String LOCK_SEED = "SELECT pg_advisory_xact_lock(hashtext('zes.exemptions.municipality-seed'))";
  private static final String COUNT = "SELECT count(*) FROM municipality";
  private static final String SELECT_ALL =
      "SELECT code, name, zones, enforcement_start, source FROM municipality ORDER BY code";
  private static final String UPSERT = """
      INSERT INTO municipality (code, name, zones, enforcement_start, source) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, zones = EXCLUDED.zones,
        enforcement_start = EXCLUDED.enforcement_start, source = EXCLUDED.source, updated_at = now()
      RETURNING (xmax = 0) AS created""";

  private final Pool pool;

  public MunicipalityRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores the seed list when the table is empty (first start); later starts keep what admins changed. */
  public Future<Void> seedIfEmpty(List<Municipality> seed) {
    return pool.withTransaction(conn -> conn.query(LOCK_SEED).execute()
        .compose(v -> conn.query(COUNT).execute())
        .compose(rows -> rows.iterator().next().getLong(0) > 0 ? Future.succeededFuture()
            : conn.preparedQuery(UPSERT).executeBatch(seed.stream().map(MunicipalityRepository::tuple).toList())
                .mapEmpty()));
  }

  public Future<List<Municipality>> all() {
    return pool.query(SELECT_ALL).execute().map(rows -> {
      List<Municipality> all = new ArrayList<>();
      for (Row row : rows) {
        JsonObject json = new JsonObject().put("name", row.getString("name"))
            .put("zones", new JsonArray(row.getJsonArray("zones").getList()))
            .put("enforcementStart", row.getLocalDate("enforcement_start").toString())
            .put("source", row.getString("source"));
        all.add(Municipality.fromJson(row.getString("code"), json));
      }
      return all;
    });
  }

  /** Creates or replaces one; true when it was created. */
  public Future<Boolean> put(SqlClient client, Municipality municipality) {
    return client.preparedQuery(UPSERT).execute(tuple(municipality))
        .map(rows -> rows.iterator().next().getBoolean("created"));
  }

  public Future<Boolean> put(Municipality municipality) {
    return put(pool, municipality);
  }

  private static Tuple tuple(Municipality m) {
    return Tuple.of(m.code(), m.name(), m.toJson().getJsonArray("zones"), m.enforcementStart(), m.source());
  }
}
