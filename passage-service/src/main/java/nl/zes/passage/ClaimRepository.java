package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The {@code (municipality, id)} claims that make a repeated passage a duplicate. */
final class ClaimRepository {

  static final String CLAIM = """
      INSERT INTO passage_claim (municipality, id, zone, camera, ts)
      SELECT $1, c.id, c.zone, c.camera, c.ts
        FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS c(id, zone, camera, ts)
      ON CONFLICT DO NOTHING
      RETURNING id""";

  private final Pool pool;

  ClaimRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Claims the passages' ids and runs {@code publish} on the newly claimed ones inside the same transaction: the
   * claims commit only when it succeeds, so a passage Kafka did not take stays unclaimed.
   *
   * @return the number of newly claimed (accepted) passages
   */
  Future<Integer> claimAndThen(String municipality, List<ValidPassage> passages,
      Function<List<ValidPassage>, Future<Void>> publish) {
    if (passages.isEmpty()) {
      return Future.succeededFuture(0);
    }
    int n = passages.size();
    String[] ids = new String[n];
    String[] zones = new String[n];
    String[] cameras = new String[n];
    OffsetDateTime[] timestamps = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      ValidPassage p = passages.get(i);
      ids[i] = p.id();
      zones[i] = p.zone();
      cameras[i] = p.camera();
      timestamps[i] = p.timestamp();
    }
    return pool.withTransaction((SqlConnection conn) -> conn.preparedQuery(CLAIM)
        .execute(Tuple.of(municipality, ids, zones, cameras, timestamps))
        .compose(rows -> {
          Set<String> claimed = new HashSet<>(rows.rowCount());
          for (Row row : rows) {
            claimed.add(row.getString(0));
          }
          List<ValidPassage> fresh = passages.stream().filter(p -> claimed.contains(p.id())).toList();
          return publish.apply(fresh).map(fresh.size());
        }));
  }
}
