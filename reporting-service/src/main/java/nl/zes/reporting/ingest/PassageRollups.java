package nl.zes.reporting.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import nl.zes.common.messages.PassageEvaluated;

/**
 * Counts evaluated passages into {@code passage_rollup}: per municipality, Europe/Amsterdam day, verdict, basis,
 * rule, vehicle kind and foreign-or-not, with the fines' sum. A passage already seen (same municipality and id)
 * is not counted again. The plate is never read.
 */
public final class PassageRollups implements StoredOffsetConsumer.BatchWork {

  public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  static final Set<String> VERDICTS = Set.of("ALLOWED", "WARNING", "FINE", "REPEAT", "NOT_ENFORCEABLE", "UNRESOLVED");
  static final Set<String> KINDS = Set.of("VAN", "TRUCK", "OTHER");
  private static final Pattern MUNICIPALITY = Pattern.compile("GM\\d{4}");

  static final String APPLY = """
      WITH input AS (
        SELECT DISTINCT ON (municipality, passage_id) *
        FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bool[],
                    $9::bigint[])
          AS t(passage_id, municipality, day, verdict, basis, rule, vehicle_kind, foreign_plate, fine_amount_eur)
      ), fresh AS (
        INSERT INTO seen_passage (municipality, passage_id)
        SELECT municipality, passage_id FROM input
        ON CONFLICT DO NOTHING
        RETURNING municipality, passage_id
      )
      INSERT INTO passage_rollup AS r
        (day, municipality, verdict, basis, rule, vehicle_kind, foreign_plate, passages, fine_amount_eur)
      SELECT i.day, i.municipality, i.verdict, i.basis, i.rule, i.vehicle_kind, i.foreign_plate, count(*),
             coalesce(sum(i.fine_amount_eur), 0)
      FROM input i JOIN fresh f USING (municipality, passage_id)
      GROUP BY 1, 2, 3, 4, 5, 6, 7
      ORDER BY 1, 2, 3, 4, 5, 6, 7
      ON CONFLICT (day, municipality, verdict, basis, rule, vehicle_kind, foreign_plate)
      DO UPDATE SET passages = r.passages + excluded.passages,
                    fine_amount_eur = r.fine_amount_eur + excluded.fine_amount_eur""";

  static final String PRUNE_SEEN = "DELETE FROM seen_passage WHERE seen_on < current_date - $1::int";

  private final DeadLetters deadLetters;

  public PassageRollups(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  /** One evaluated passage as the roll-up needs it. */
  record Counted(String passageId, String municipality, LocalDate day, String verdict, String basis, String rule,
      String vehicleKind, boolean foreignPlate, long fineAmountEur) {
  }

  @Override
  public Future<Void> apply(SqlConnection connection, List<KafkaConsumerRecord<String, String>> records) {
    List<Counted> counted = new ArrayList<>(records.size());
    List<DeadLetters.Rejected> rejected = new ArrayList<>();
    for (KafkaConsumerRecord<String, String> record : records) {
      try {
        counted.add(parse(record.value()));
      } catch (IllegalArgumentException e) {
        rejected.add(new DeadLetters.Rejected(record, e.getMessage()));
      }
    }
    return deadLetters.send(rejected).compose(v -> counted.isEmpty() ? Future.succeededFuture()
        : connection.preparedQuery(APPLY).execute(columns(counted)).mapEmpty());
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

  private static Tuple columns(List<Counted> counted) {
    int n = counted.size();
    String[] ids = new String[n];
    String[] municipalities = new String[n];
    LocalDate[] days = new LocalDate[n];
    String[] verdicts = new String[n];
    String[] bases = new String[n];
    String[] rules = new String[n];
    String[] kinds = new String[n];
    Boolean[] foreign = new Boolean[n];
    Long[] fines = new Long[n];
    for (int i = 0; i < n; i++) {
      Counted c = counted.get(i);
      ids[i] = c.passageId();
      municipalities[i] = c.municipality();
      days[i] = c.day();
      verdicts[i] = c.verdict();
      bases[i] = c.basis();
      rules[i] = c.rule();
      kinds[i] = c.vehicleKind();
      foreign[i] = c.foreignPlate();
      fines[i] = c.fineAmountEur();
    }
    return Tuple.of(ids, municipalities, days, verdicts, bases, rules, kinds, foreign, fines);
  }
}
