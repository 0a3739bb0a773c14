package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verdict rows and the per-day violation rows. A batch is stored in one transaction; a passage that already has a
 * verdict keeps it, so replaying a batch (after a crash between these writes and the offset commit) changes nothing.
 * Existence is learnt from the inserts' conflicts, not checked up front: a fresh batch costs no lookups.
 */
final class VerdictRepository {

  record Key(String municipality, String id) {
  }

  static final String COLUMNS =
      "municipality, id, zone, camera, ts, day, verdict, basis, rule, vehicle_kind, country, fine_eur, plate";

  static final String EXISTING = "SELECT " + COLUMNS + " FROM passage_verdict"
      + " WHERE (municipality, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))";

  /**
   * The violations of a batch in passage-time order; each claims its plate's day unless an earlier one (stored, or
   * before it in this statement) has it. A passage that already has a verdict (a replay) claims nothing: it keeps
   * the verdict it got, and must not take a day it did not take then (its access answer may differ now).
   */
  static final String CLAIM_DAYS = """
      INSERT INTO violation_day (municipality, plate, day, passage_id)
      SELECT c.municipality, c.plate, c.day, c.id
        FROM unnest($1::text[], $2::text[], $3::date[], $4::text[]) WITH ORDINALITY AS c(municipality, plate, day, id, n)
       WHERE NOT EXISTS (SELECT 1 FROM passage_verdict v WHERE v.municipality = c.municipality AND v.id = c.id)
       ORDER BY c.n
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

  /** What is stored for each candidate, in the candidates' order, and those of them stored now (not replays). */
  record Stored(List<Verdict> verdicts, List<Verdict> fresh) {
  }

  /**
   * Stores the verdicts of passages evaluated now ({@code candidates}: WARNING/FINE still subject to the per-day
   * rule, plate set only on those) in one transaction. A passage that already has a verdict (a replay) keeps it:
   * its insert conflicts, and the stored verdict is read back instead.
   */
  Future<Stored> store(List<Verdict> candidates) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(new Stored(List.of(), List.of()));
    }
    return pool.withTransaction(conn -> applyPerDayRule(conn, candidates).compose(decided -> insert(conn, decided)));
  }

  /** The first violation of a plate per municipality and day (by passage time, then arrival) keeps it. */
  private Future<List<Verdict>> applyPerDayRule(SqlClient conn, List<Verdict> candidates) {
    List<Verdict> violations = candidates.stream().filter(Verdict::isViolation)
        .sorted(Comparator.comparing(Verdict::timestamp)).toList();
    if (!onePerDay || violations.isEmpty()) {
      return Future.succeededFuture(candidates);
    }
    int n = violations.size();
    String[] municipalities = new String[n];
    String[] plates = new String[n];
    LocalDate[] days = new LocalDate[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      Verdict v = violations.get(i);
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
      List<Verdict> decided = new ArrayList<>(candidates.size());
      for (Verdict v : candidates) {
        decided.add(!v.isViolation() || winners.contains(key(v)) ? v : repeat(v));
      }
      return decided;
    });
  }

  private static Verdict repeat(Verdict v) {
    return new Verdict(v.municipality(), v.id(), v.zone(), v.camera(), v.timestamp(), v.day(), Verdict.REPEAT,
        v.basis(), v.rule(), v.vehicleKind(), v.country(), null, null);
  }

  private Future<Stored> insert(SqlClient conn, List<Verdict> decided) {
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
      Verdict[] all = new Verdict[n];
      List<Verdict> fresh = new ArrayList<>(inserted.size());
      List<Key> lost = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Verdict v = decided.get(i);
        if (inserted.contains(key(v))) {
          all[i] = new Verdict(v.municipality(), v.id(), v.zone(), v.camera(), v.timestamp(), v.day(),
              v.verdict(), v.basis(), v.rule(), v.vehicleKind(), v.country(), fines[i], plates[i]);
          fresh.add(all[i]);
        } else {
          lost.add(key(v));
        }
      }
      if (lost.isEmpty()) {
        return Future.succeededFuture(new Stored(Arrays.asList(all), fresh));
      }
      // A replay, or another evaluator (during a rebalance) stored these first: the stored verdict stands.
      return existing(conn, lost).map(stored -> {
        for (int i = 0; i < n; i++) {
          if (all[i] == null) {
            all[i] = stored.get(key(decided.get(i)));
          }
        }
        return new Stored(Arrays.asList(all), fresh);
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
