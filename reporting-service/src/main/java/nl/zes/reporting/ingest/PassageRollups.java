package nl.zes.reporting.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Future;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts evaluated passages into {@code passage_rollup}: per municipality, Europe/Amsterdam day, verdict, basis,
 * rule, vehicle kind and foreign-or-not, with the fines' sum; and into {@code municipality_day}, the per-day sums
 * the reports read. A passage already seen (same municipality and id)
 * is not counted again. The plate is never read.
 */
public final class PassageRollups implements StoredOffsetConsumer.BatchWork {

  public static final ZoneId AMSTERDAM = AmsterdamDays.AMSTERDAM;
  static final Set<String> VERDICTS = Set.of("ALLOWED", "WARNING", "FINE", "REPEAT", "NOT_ENFORCEABLE", "UNRESOLVED");
  static final Set<String> KINDS = Set.of("VAN", "TRUCK", "OTHER");
  private static final JsonFactory JSON = new JsonFactory();

  /** Counted in the compliance formula's {@code passages}: vans and trucks with Dutch plates. */
  private static final String COUNTED = "NOT foreign_plate AND vehicle_kind IN ('VAN', 'TRUCK')";

  /** Claims a batch's passage ids (distinct); answers the ones not seen before, which alone are counted. */
  static final String CLAIM_SEEN = """
      INSERT INTO seen_passage (municipality, passage_id)
      SELECT * FROM unnest($1::text[], $2::text[])
      ON CONFLICT DO NOTHING
      RETURNING municipality, passage_id""";

  /**
   * Adds a batch's fresh passages, already summed per roll-up cell (distinct cells), to {@code passage_rollup} and,
   * summed per municipality-day, to {@code municipality_day} (the reports' sums, see V2.sql), in one statement.
   */
  static final String ADD_COUNTS = """
      WITH cells AS (
        SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[],
                             $8::bigint[], $9::bigint[])
          AS t(day, municipality, verdict, basis, rule, vehicle_kind, foreign_plate, passages, fine_amount_eur)
      ), rolled AS (
        INSERT INTO passage_rollup AS r
          (day, municipality, verdict, basis, rule, vehicle_kind, foreign_plate, passages, fine_amount_eur)
        SELECT * FROM cells
        ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (day, municipality, verdict, basis, rule, vehicle_kind, foreign_plate)
        DO UPDATE SET passages = r.passages + excluded.passages,
                      fine_amount_eur = r.fine_amount_eur + excluded.fine_amount_eur
      )
      INSERT INTO municipality_day AS m
      SELECT day, municipality,
        coalesce(sum(passages) FILTER (WHERE %1$s AND verdict = 'ALLOWED'
          AND basis IN ('ZONE_NOT_ACTIVE', 'ZERO_EMISSION', 'VRIJSTELLING', 'TRANSITION')), 0),
        coalesce(sum(passages) FILTER (WHERE %1$s AND verdict = 'ALLOWED'
          AND basis IN ('EXEMPTION', 'DAY_EXEMPTION')), 0),
        coalesce(sum(passages) FILTER (WHERE %1$s AND verdict = 'WARNING'), 0),
        coalesce(sum(passages) FILTER (WHERE %1$s AND verdict = 'FINE'), 0),
        coalesce(sum(passages) FILTER (WHERE %1$s AND verdict = 'REPEAT'), 0),
        coalesce(sum(passages) FILTER (WHERE verdict = 'NOT_ENFORCEABLE'), 0),
        coalesce(sum(passages) FILTER (WHERE verdict = 'UNRESOLVED'), 0),
        coalesce(sum(passages) FILTER (WHERE verdict = 'WARNING'), 0),
        coalesce(sum(passages) FILTER (WHERE verdict = 'FINE'), 0),
        coalesce(sum(fine_amount_eur) FILTER (WHERE verdict = 'FINE'), 0)
      FROM cells
      GROUP BY 1, 2
      ORDER BY 1, 2
      ON CONFLICT (day, municipality) DO UPDATE SET allowed = m.allowed + excluded.allowed,
        exempted = m.exempted + excluded.exempted, counted_warnings = m.counted_warnings + excluded.counted_warnings,
        counted_fines = m.counted_fines + excluded.counted_fines,
        counted_repeats = m.counted_repeats + excluded.counted_repeats,
        not_enforceable = m.not_enforceable + excluded.not_enforceable, unresolved = m.unresolved + excluded.unresolved,
        warnings = m.warnings + excluded.warnings, fines = m.fines + excluded.fines,
        fine_amount_eur = m.fine_amount_eur + excluded.fine_amount_eur""".formatted(COUNTED);

  static final String PRUNE_SEEN = "DELETE FROM seen_passage WHERE seen_on < current_date - $1::int";

  /** Passages per claim statement: small enough to overlap parsing with inserting, big enough to be cheap. */
  private static final int CLAIM_CHUNK = 2_000;

  private final DeadLetters deadLetters;

  public PassageRollups(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  /** One evaluated passage as the roll-up needs it. */
  record Counted(String passageId, String municipality, LocalDate day, String verdict, String basis, String rule,
      String vehicleKind, boolean foreignPlate, long fineAmountEur) {

    Cell cell() {
      return new Cell(day, municipality, verdict, basis, rule, vehicleKind, foreignPlate);
    }
  }

  /** A row of {@code passage_rollup}: what a passage is counted by. */
  record Cell(LocalDate day, String municipality, String verdict, String basis, String rule, String vehicleKind,
      boolean foreignPlate) {
  }

  /**
   * Dedupes the batch in memory and claims its ids in {@code seen_passage} chunk by chunk, each chunk's claim sent
   * (pipelined on the transaction's connection) as soon as it is parsed, so that PostgreSQL inserts one chunk while
   * the next is parsed; then sums the fresh passages per cell in memory and adds the sums in one more statement.
   */
  @Override
  public Future<Void> apply(SqlConnection connection, List<KafkaConsumerRecord<String, String>> records) {
    Map<String, Counted> byPassage = new HashMap<>(records.size() * 2);
    List<DeadLetters.Rejected> rejected = new ArrayList<>();
    List<Future<RowSet<Row>>> claims = new ArrayList<>();
    List<Counted> chunk = new ArrayList<>(CLAIM_CHUNK);
    for (KafkaConsumerRecord<String, String> record : records) {
      Counted c;
      try {
        c = parse(record.value());
      } catch (IllegalArgumentException e) {
        rejected.add(new DeadLetters.Rejected(record, e.getMessage()));
        continue;
      }
      if (byPassage.putIfAbsent(key(c.municipality(), c.passageId()), c) == null) {
        chunk.add(c);
        if (chunk.size() == CLAIM_CHUNK) {
          claims.add(connection.preparedQuery(CLAIM_SEEN).execute(passageKeys(chunk)));
          chunk = new ArrayList<>(CLAIM_CHUNK);
        }
      }
    }
    if (!chunk.isEmpty()) {
      claims.add(connection.preparedQuery(CLAIM_SEEN).execute(passageKeys(chunk)));
    }
    return Future.all(deadLetters.send(rejected), Future.all(claims)).compose(v -> {
      Map<Cell, long[]> sums = new HashMap<>();
      for (Future<RowSet<Row>> claim : claims) {
        for (Row row : claim.result()) {
          Counted c = byPassage.get(key(row.getString(0), row.getString(1)));
          long[] sum = sums.computeIfAbsent(c.cell(), k -> new long[2]);
          sum[0]++;
          sum[1] += c.fineAmountEur();
        }
      }
      return sums.isEmpty() ? Future.succeededFuture()
          : connection.preparedQuery(ADD_COUNTS).execute(cellColumns(sums)).mapEmpty();
    });
  }

  /** Unambiguous: a municipality is always a six-character CBS code. */
  private static String key(String municipality, String passageId) {
    return municipality + passageId;
  }

  /** Forgets the passages first seen more than {@code retentionDays} ago; the result is how many. */
  public static Future<Integer> pruneSeen(Pool pool, int retentionDays) {
    return pool.preparedQuery(PRUNE_SEEN).execute(Tuple.of(retentionDays)).map(rows -> rows.rowCount());
  }

  /**
   * Parses one event (the fields of {@code PassageEvaluated} that the roll-ups need, read by Jackson's streaming
   * parser: no tree, and the plate is skipped unread); an {@link IllegalArgumentException} says why it cannot be
   * counted (never with a plate).
   */
  static Counted parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("no value");
    }
    String passageId = null;
    String municipality = null;
    String timestamp = null;
    String verdict = null;
    String basis = null;
    String rule = null;
    String vehicleKind = null;
    String country = null;
    Number fineAmountEur = null;
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw notTheShape();
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
        String field = parser.currentName();
        JsonToken v = parser.nextToken();
        switch (field) {
          case "passageId" -> passageId = text(parser, v);
          case "municipality" -> municipality = text(parser, v);
          case "timestamp" -> timestamp = text(parser, v);
          case "verdict" -> verdict = text(parser, v);
          case "basis" -> basis = text(parser, v);
          case "rule" -> rule = text(parser, v);
          case "vehicleKind" -> vehicleKind = text(parser, v);
          case "country" -> country = text(parser, v);
          case "fineAmountEur" -> fineAmountEur = number(parser, v);
          default -> parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw notTheShape();
      }
    } catch (IOException e) {
      throw notTheShape();
    }
    if (passageId == null || passageId.isBlank()) {
      throw new IllegalArgumentException("passageId is missing");
    }
    if (municipality == null || !isCbsCode(municipality)) {
      throw new IllegalArgumentException("municipality is missing or not a CBS code");
    }
    if (verdict == null || !VERDICTS.contains(verdict)) {
      throw new IllegalArgumentException("verdict is missing or unknown");
    }
    if (vehicleKind != null && !KINDS.contains(vehicleKind)) {
      throw new IllegalArgumentException("vehicleKind is unknown");
    }
    if (timestamp == null) {
      throw new IllegalArgumentException("timestamp is missing");
    }
    LocalDate day;
    try {
      day = AmsterdamDays.of(timestamp);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("timestamp is not ISO-8601 with an offset");
    }
    boolean foreign = country != null && !"NL".equalsIgnoreCase(country);
    long fine = "FINE".equals(verdict) && fineAmountEur != null ? fineAmountEur.intValue() : 0L;
    return new Counted(passageId, municipality, day, verdict, orEmpty(basis), orEmpty(rule), orEmpty(vehicleKind),
        foreign, fine);
  }

  private static IllegalArgumentException notTheShape() {
    return new IllegalArgumentException("not a JSON object of the evaluated-passage shape");
  }

  /** A string field: a JSON string or null; anything else is not the event's shape. */
  private static String text(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> parser.getText();
      case VALUE_NULL -> null;
      default -> throw notTheShape();
    };
  }

  private static Number number(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_NULL -> null;
      default -> throw notTheShape();
    };
  }

  /** GM and four digits. */
  private static boolean isCbsCode(String code) {
    if (code.length() != 6 || !code.startsWith("GM")) {
      return false;
    }
    for (int i = 2; i < 6; i++) {
      if (code.charAt(i) < '0' || code.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static Tuple passageKeys(List<Counted> counted) {
    String[] municipalities = new String[counted.size()];
    String[] ids = new String[counted.size()];
    int i = 0;
    for (Counted c : counted) {
      municipalities[i] = c.municipality();
      ids[i++] = c.passageId();
    }
    return Tuple.of(municipalities, (Object) ids);
  }

  private static Tuple cellColumns(Map<Cell, long[]> sums) {
    int n = sums.size();
    LocalDate[] days = new LocalDate[n];
    String[] municipalities = new String[n];
    String[] verdicts = new String[n];
    String[] bases = new String[n];
    String[] rules = new String[n];
    String[] kinds = new String[n];
    Boolean[] foreign = new Boolean[n];
    Long[] passages = new Long[n];
    Long[] fines = new Long[n];
    int i = 0;
    for (Map.Entry<Cell, long[]> e : sums.entrySet()) {
      Cell c = e.getKey();
      days[i] = c.day();
      municipalities[i] = c.municipality();
      verdicts[i] = c.verdict();
      bases[i] = c.basis();
      rules[i] = c.rule();
      kinds[i] = c.vehicleKind();
      foreign[i] = c.foreignPlate();
      passages[i] = e.getValue()[0];
      fines[i] = e.getValue()[1];
      i++;
    }
    return Tuple.of(days, municipalities, verdicts, bases, rules, kinds, foreign, passages, fines);
  }
}
