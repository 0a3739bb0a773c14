package nl.zes.reporting.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zes.common.messages.ExemptionChanged;

/**
 * Keeps one row per exemption application ({@code exemption_application}) and per day exemption
 * ({@code day_exemption}) at the highest version seen: older versions and replays change nothing. No plate, no
 * applicant: only what the reports count by.
 */
public final class ExemptionRollups implements StoredOffsetConsumer.BatchWork {

  static final Set<String> SCOPES = Set.of("NATIONAL", "LOCAL");
  static final Set<String> STATUSES = Set.of("PENDING", "GRANTED", "REJECTED", "SET_ASIDE", "REVOKED");

  static final String UPSERT_APPLICATIONS = """
      INSERT INTO exemption_application AS e (id, type, scope, municipalities, submitted_on, status, version)
      SELECT id, type, scope, CASE WHEN municipalities = '' THEN '{}'::text[] ELSE string_to_array(municipalities, ',') END,
             submitted_on, status, version
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::bigint[])
        AS t(id, type, scope, municipalities, submitted_on, status, version)
      ORDER BY id
      ON CONFLICT (id) DO UPDATE SET type = excluded.type, scope = excluded.scope,
        municipalities = excluded.municipalities, submitted_on = excluded.submitted_on, status = excluded.status,
        version = excluded.version
      WHERE e.version < excluded.version""";

  /**
   * Keeps each day exemption at its highest version and, in the same statement, its count per day and municipality
   * ({@code day_exemption_count}, what the report reads): +1 where a stored row now is, -1 where a replaced
   * version was ({@code previous} sees the rows as they were before the statement).
   */
  static final String UPSERT_DAY_EXEMPTIONS = """
      WITH input AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::bigint[]) AS t(id, municipality, day, version)
      ), previous AS (
        SELECT d.id, d.municipality, d.day FROM day_exemption d JOIN input i ON i.id = d.id WHERE d.version < i.version
      ), stored AS (
        INSERT INTO day_exemption AS d (id, municipality, day, version)
        SELECT * FROM input ORDER BY 1
        ON CONFLICT (id) DO UPDATE SET municipality = excluded.municipality, day = excluded.day,
          version = excluded.version
        WHERE d.version < excluded.version
        RETURNING id, municipality, day
      ), moves AS (
        SELECT day, municipality, 1 AS n FROM stored
        UNION ALL
        SELECT p.day, p.municipality, -1 FROM previous p JOIN stored s ON s.id = p.id
      )
      INSERT INTO day_exemption_count AS c (day, municipality, n)
      SELECT day, municipality, sum(n) FROM moves GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (day, municipality) DO UPDATE SET n = c.n + excluded.n""";

  private final DeadLetters deadLetters;

  public ExemptionRollups(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  record Application(String id, String type, String scope, String municipalities, LocalDate submittedOn,
      String status, long version) {
  }

  record DayExemption(String id, String municipality, LocalDate day, long version) {
  }

  @Override
  public Future<Void> apply(SqlConnection connection, List<KafkaConsumerRecord<String, String>> records) {
    // One row per id per statement (ON CONFLICT cannot touch a row twice): keep each id's highest version.
    Map<String, Application> applications = new LinkedHashMap<>();
    Map<String, DayExemption> dayExemptions = new LinkedHashMap<>();
    List<DeadLetters.Rejected> rejected = new ArrayList<>();
    for (KafkaConsumerRecord<String, String> record : records) {
      try {
        Object parsed = parse(record.value());
        if (parsed instanceof Application a) {
          applications.merge(a.id(), a, (x, y) -> y.version() > x.version() ? y : x);
        } else if (parsed instanceof DayExemption d) {
          dayExemptions.merge(d.id(), d, (x, y) -> y.version() > x.version() ? y : x);
        }
      } catch (IllegalArgumentException e) {
        rejected.add(new DeadLetters.Rejected(record, e.getMessage()));
      }
    }
    return deadLetters.send(rejected)
        .compose(v -> applications.isEmpty() ? Future.succeededFuture()
            : connection.preparedQuery(UPSERT_APPLICATIONS).execute(applicationColumns(applications.values())))
        .compose(v -> dayExemptions.isEmpty() ? Future.succeededFuture()
            : connection.preparedQuery(UPSERT_DAY_EXEMPTIONS).execute(dayExemptionColumns(dayExemptions.values())))
        .mapEmpty();
  }

  /** An {@link Application} or a {@link DayExemption}; an {@link IllegalArgumentException} says what is wrong. */
  static Object parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("no value");
    }
    ExemptionChanged event;
    try {
      event = ExemptionChanged.fromJson(new JsonObject(value));
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object of the exemption-change shape");
    }
    if (event.id() == null || event.id().isBlank()) {
      throw new IllegalArgumentException("id is missing");
    }
    if (event.version() < 0) {
      throw new IllegalArgumentException("version is negative");
    }
    if (ExemptionChanged.EXEMPTION.equals(event.kind())) {
      require(event.type(), "type");
      if (event.scope() == null || !SCOPES.contains(event.scope())) {
        throw new IllegalArgumentException("scope is missing or unknown");
      }
      if (event.status() == null || !STATUSES.contains(event.status())) {
        throw new IllegalArgumentException("status is missing or unknown");
      }
      return new Application(event.id(), event.type(), event.scope(), municipalities(event.municipalities()),
          day(event.submittedAt(), "submittedAt"), event.status(), event.version());
    }
    if (ExemptionChanged.DAY_EXEMPTION.equals(event.kind())) {
      require(event.municipality(), "municipality");
      return new DayExemption(event.id(), event.municipality(), day(event.date(), "date"), event.version());
    }
    throw new IllegalArgumentException("kind is missing or unknown");
  }

  /** The Europe/Amsterdam date of an ISO timestamp with offset, or an ISO date as it is. */
  static LocalDate day(String value, String field) {
    require(value, field);
    try {
      return value.length() == 10 ? LocalDate.parse(value)
          : OffsetDateTime.parse(value).atZoneSameInstant(PassageRollups.AMSTERDAM).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an ISO date or timestamp with offset");
    }
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
  }

  private static String municipalities(JsonArray codes) {
    if (codes == null) {
      return "";
    }
    List<String> list = new ArrayList<>();
    for (Object code : codes) {
      if (!(code instanceof String s) || s.isBlank() || s.contains(",")) {
        throw new IllegalArgumentException("municipalities holds something other than codes");
      }
      list.add(s);
    }
    return String.join(",", list);
  }

  private static Tuple applicationColumns(java.util.Collection<Application> rows) {
    int n = rows.size();
    String[] ids = new String[n];
    String[] types = new String[n];
    String[] scopes = new String[n];
    String[] municipalities = new String[n];
    LocalDate[] submitted = new LocalDate[n];
    String[] statuses = new String[n];
    Long[] versions = new Long[n];
    int i = 0;
    for (Application a : rows) {
      ids[i] = a.id();
      types[i] = a.type();
      scopes[i] = a.scope();
      municipalities[i] = a.municipalities();
      submitted[i] = a.submittedOn();
      statuses[i] = a.status();
      versions[i] = a.version();
      i++;
    }
    return Tuple.of(ids, types, scopes, municipalities, submitted, statuses, versions);
  }

  private static Tuple dayExemptionColumns(java.util.Collection<DayExemption> rows) {
    int n = rows.size();
    String[] ids = new String[n];
    String[] municipalities = new String[n];
    LocalDate[] days = new LocalDate[n];
    Long[] versions = new Long[n];
    int i = 0;
    for (DayExemption d : rows) {
      ids[i] = d.id();
      municipalities[i] = d.municipality();
      days[i] = d.day();
      versions[i] = d.version();
      i++;
    }
    return Tuple.of(ids, municipalities, days, versions);
  }
}
