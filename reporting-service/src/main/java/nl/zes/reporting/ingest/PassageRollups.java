package nl.zes.reporting.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.zes.common.messages.PassageEvaluated;

/**
 * Counts evaluated passages into {@code passage_rollup}: per municipality, Europe/Amsterdam day, verdict, basis,
 * rule, vehicle kind and foreign-or-not, with the fines' sum; and into {@code municipality_day}, the per-day sums
 * the reports read. A passage already seen (same municipality and id)
 * is not counted again. The plate is never read.
 */
public final class PassageRollups implements StoredOffsetConsumer.BatchWork {

  public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  static final Set<String> VERDICTS = Set.of("ALLOWED", "WARNING", "FINE", "REPEAT", "NOT_ENFORCEABLE", "UNRESOLVED");
  static final Set<String> KINDS = Set.of("VAN", "TRUCK", "OTHER");
  private static final Pattern MUNICIPALITY = Pattern.compile("GM\\d{4}");

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
   * Dedupes the batch in memory, claims its ids in {@code seen_passage} in one statement, sums the fresh
   * passages per cell in memory and adds the sums in a second statement: two round trips whatever the batch size.
   */
  @Override
  public Future<Void> apply(SqlConnection connection, List<KafkaConsumerRecord<String, String>> records) {
    Map<String, Counted> byPassage = new LinkedHashMap<>(records.size() * 2);
    List<DeadLetters.Rejected> rejected = new ArrayList<>();
    for (KafkaConsumerRecord<String, String> record : records) {
      try {
        Counted c = parse(record.value());
        byPassage.putIfAbsent(key(c.municipality(), c.passageId()), c);
      } catch (IllegalArgumentException e) {
        rejected.add(new DeadLetters.Rejected(record, e.getMessage()));
      }
    }
    return deadLetters.send(rejected).compose(v -> byPassage.isEmpty() ? Future.succeededFuture()
        : connection.preparedQuery(CLAIM_SEEN).execute(passageKeys(byPassage.values()))
            .compose(fresh -> {
              Map<Cell, long[]> sums = new LinkedHashMap<>();
              for (Row row : fresh) {
                Counted c = byPassage.get(key(row.getString(0), row.getString(1)));
                long[] sum = sums.computeIfAbsent(c.cell(), k -> new long[2]);
                sum[0]++;
                sum[1] += c.fineAmountEur();
              }
              return sums.isEmpty() ? Future.succeededFuture()
                  : connection.preparedQuery(ADD_COUNTS).execute(cellColumns(sums)).mapEmpty();
            }));
  }

  /** Unambiguous: a municipality is always a six-character CBS code. */
  private static String key(String municipality, String passageId) {
    return municipality + passageId;
  }

  /** Forgets the passages first seen more than {@code retentionDays} ago; the result is how many. */
  public static Future<Integer> pruneSeen(Pool pool, int retentionDays) {
    return pool.preparedQuery(PRUNE_SEEN).execute(Tuple.of(retentionDays)).map(rows -> rows.rowCount());
  }

  /** Parses one event; an {@link IllegalArgumentException} says why it cannot be counted (never with a plate). */
  static Counted parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("no value");
    }
    PassageEvaluated event;
    try {
      event = PassageEvaluated.fromJson(new JsonObject(value));
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object of the evaluated-passage shape");
    }
    if (event.passageId() == null || event.passageId().isBlank()) {
      throw new IllegalArgumentException("passageId is missing");
    }
    if (event.municipality() == null || !MUNICIPALITY.matcher(event.municipality()).matches()) {
      throw new IllegalArgumentException("municipality is missing or not a CBS code");
    }
    if (event.verdict() == null || !VERDICTS.contains(event.verdict())) {
      throw new IllegalArgumentException("verdict is missing or unknown");
    }
    if (event.vehicleKind() != null && !KINDS.contains(event.vehicleKind())) {
      throw new IllegalArgumentException("vehicleKind is unknown");
    }
    if (event.timestamp() == null) {
      throw new IllegalArgumentException("timestamp is missing");
    }
    LocalDate day;
    try {
      day = OffsetDateTime.parse(event.timestamp()).atZoneSameInstant(AMSTERDAM).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("timestamp is not ISO-8601 with an offset");
    }
    boolean foreign = event.country() != null && !"NL".equalsIgnoreCase(event.country());
    long fine = "FINE".equals(event.verdict()) && event.fineAmountEur() != null ? event.fineAmountEur() : 0L;
    return new Counted(event.passageId(), event.municipality(), day, event.verdict(), orEmpty(event.basis()),
        orEmpty(event.rule()), orEmpty(event.vehicleKind()), foreign, fine);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static Tuple passageKeys(Collection<Counted> counted) {
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
