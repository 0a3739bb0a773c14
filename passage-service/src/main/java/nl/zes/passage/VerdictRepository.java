package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verdict rows and the per-day violation rows. A batch is stored in one transaction; a passage that already has a
 * verdict keeps it, so replaying a batch (after a crash between these writes and the offset commit) changes nothing.
 */
final class VerdictRepository {

  record Key(String municipality, String id) {
  }

  static final String COLUMNS =
      "municipality, id, zone, camera, ts, day, verdict, basis, rule, vehicle_kind, country, fine_eur, plate";

  static final String EXISTING = "SELECT " + COLUMNS + " FROM passage_verdict"
      + " WHERE (municipality, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))";

  static final String CLAIM_DAYS = """
      INSERT INTO violation_day (municipality, plate, day, passage_id)
      SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[])
      ON CONFLICT DO NOTHING
      RETURNING municipality, passage_id""";

  static final String INSERT = "INSERT INTO passage_verdict (" + COLUMNS + ")"
      + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::date[],"
      + " $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::text[])"
      + " ON CONFLICT DO NOTHING RETURNING municipality, id";

  private final Pool pool;
  private final VerdictRules rules;
  private final boolean onePerDay;

  VerdictRepository(Pool pool, VerdictRules rules, boolean onePerDay) {
    this.pool = pool;
    this.rules = rules;
    this.onePerDay = onePerDay;
  }

  Future<Map<Key, Verdict>> existing(List<Key> keys) {
    return existing(pool, keys);
  }

  /**
   * Stores the verdicts of passages evaluated now ({@code candidates}: WARNING/FINE still subject to the per-day
   * rule, plate set only on those) and returns what is stored for each, which is the earlier verdict where one
   * exists.
   */
  Future<List<Verdict>> store(List<Verdict> candidates) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.withTransaction(conn -> existing(conn, candidates.stream().map(VerdictRepository::key).toList())
        .compose(stored -> {
          List<Verdict> fresh = candidates.stream().filter(v -> !stored.containsKey(key(v))).toList();
          return applyPerDayRule(conn, fresh)
              .compose(decided -> insert(conn, decided))
              .compose(decided -> {
                Map<Key, Verdict> result = new LinkedHashMap<>(stored);
                decided.forEach(v -> result.putIfAbsent(key(v), v));
                return Future.succeededFuture(candidates.stream().map(v -> result.get(key(v))).toList());
              });
        }));
  }

  /** The first violation of a plate per municipality and day (by passage time, then arrival) keeps it. */
  private Future<List<Verdict>> applyPerDayRule(SqlClient conn, List<Verdict> fresh) {
    List<Verdict> violations = fresh.stream().filter(Verdict::isViolation)
        .sorted(Comparator.comparing(Verdict::timestamp)).toList();
    if (!onePerDay || violations.isEmpty()) {
      return Future.succeededFuture(fresh);
    }
    Map<String, Verdict> firstPerDay = new LinkedHashMap<>();
    for (Verdict v : violations) {
      firstPerDay.putIfAbsent(v.municipality() + '\u0000' + v.plate() + '\u0000' + v.day(), v);
    }
    List<Verdict> contenders = new ArrayList<>(firstPerDay.values());
    int n = contenders.size();
    String[] municipalities = new String[n];
    String[] plates = new String[n];
    LocalDate[] days = new LocalDate[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      Verdict v = contenders.get(i);
      municipalities[i] = v.municipality();
      plates[i] = v.plate();
      days[i] = v.day();
      ids[i] = v.id();
    }
    return conn.preparedQuery(CLAIM_DAYS).execute(Tuple.of(municipalities, plates, days, ids)).map(rows -> {
      Set<Key> winners = new HashSet<>();
      for (Row row : rows) {
        winners.add(new Key(row.getString(0), row.getString(1)));
      }
      List<Verdict> decided = new ArrayList<>(fresh.size());
      for (Verdict v : fresh) {
        decided.add(!v.isViolation() || winners.contains(key(v)) ? v : repeat(v));
      }
      return decided;
    });
  }

  private static Verdict repeat(Verdict v) {
    return new Verdict(v.municipality(), v.id(), v.zone(), v.camera(), v.timestamp(), v.day(), Verdict.REPEAT,
        v.basis(), v.rule(), v.vehicleKind(), v.country(), null, null);
  }

  private Future<List<Verdict>> insert(SqlClient conn, List<Verdict> decided) {
    if (decided.isEmpty()) {
      return Future.succeededFuture(decided);
    }
    int n = decided.size();
    String[] municipalities = new String[n];
    String[] ids = new String[n];
    String[] zones = new String[n];
    String[] cameras = new String[n];
    OffsetDateTime[] timestamps = new OffsetDateTime[n];
    LocalDate[] days = new LocalDate[n];
    String[] verdicts = new String[n];
    String[] bases = new String[n];
    String[] ruleIds = new String[n];
    String[] kinds = new String[n];
    String[] countries = new String[n];
    Integer[] fines = new Integer[n];
    String[] plates = new String[n];
    for (int i = 0; i < n; i++) {
      Verdict v = decided.get(i);
      municipalities[i] = v.municipality();
      ids[i] = v.id();
      zones[i] = v.zone();
      cameras[i] = v.camera();
      timestamps[i] = v.timestamp();
      days[i] = v.day();
      verdicts[i] = v.verdict();
      bases[i] = v.basis();
      ruleIds[i] = v.rule();
      kinds[i] = v.vehicleKind();
      countries[i] = v.country();
      fines[i] = rules.fine(v.verdict(), v.vehicleKind());
      plates[i] = v.isViolation() ? v.plate() : null;
    }
    Tuple params = Tuple.of(municipalities, ids, zones, cameras, timestamps, days, verdicts, bases, ruleIds, kinds,
        countries, fines).addValue(plates);
    return conn.preparedQuery(INSERT).execute(params).compose(rows -> {
      Set<Key> inserted = new HashSet<>();
      for (Row row : rows) {
        inserted.add(new Key(row.getString(0), row.getString(1)));
      }
      List<Verdict> written = new ArrayList<>(n);
      List<Key> lost = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Verdict v = decided.get(i);
        if (inserted.contains(key(v))) {
          written.add(new Verdict(v.municipality(), v.id(), v.zone(), v.camera(), v.timestamp(), v.day(),
              v.verdict(), v.basis(), v.rule(), v.vehicleKind(), v.country(), fines[i], plates[i]));
        } else {
          lost.add(key(v));
        }
      }
      if (lost.isEmpty()) {
        return Future.succeededFuture(written);
      }
      // Another evaluator (during a rebalance) stored these first: theirs is the verdict.
      return existing(conn, lost).map(theirs -> {
        written.addAll(theirs.values());
        return written;
      });
    });
  }

  private static Future<Map<Key, Verdict>> existing(SqlClient client, List<Key> keys) {
    if (keys.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    String[] municipalities = keys.stream().map(Key::municipality).toArray(String[]::new);
    String[] ids = keys.stream().map(Key::id).toArray(String[]::new);
    return client.preparedQuery(EXISTING).execute(Tuple.tuple().addValue(municipalities).addValue(ids)).map(rows -> {
      Map<Key, Verdict> found = new HashMap<>();
      for (Row row : rows) {
        Verdict v = fromRow(row);
        found.put(key(v), v);
      }
      return found;
    });
  }

  static Verdict fromRow(Row row) {
    return new Verdict(row.getString("municipality"), row.getString("id"), row.getString("zone"),
        row.getString("camera"), row.getOffsetDateTime("ts"), row.getLocalDate("day"), row.getString("verdict"),
        row.getString("basis"), row.getString("rule"), row.getString("vehicle_kind"), row.getString("country"),
        row.getInteger("fine_eur"), row.getString("plate"));
  }

  static Key key(Verdict v) {
    return new Key(v.municipality(), v.id());
  }
}
