package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import nl.zes.common.bus.BusHeaders;
import nl.zes.common.problem.Problem;
import nl.zes.common.problem.Problems;

/** Answers {@code passages.get} and {@code passages.violations}; a municipality key sees its own municipality only. */
final class PassageQueries {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  static final String VERDICT = "SELECT " + VerdictRepository.COLUMNS
      + " FROM passage_verdict WHERE municipality = $1 AND id = $2";
  static final String CLAIM = "SELECT municipality, id, zone, camera, ts FROM passage_claim"
      + " WHERE municipality = $1 AND id = $2";
  /** Keyset paging on (ts, municipality, id); $4 null on the first page. */
  static final String VIOLATIONS = "SELECT " + VerdictRepository.COLUMNS + " FROM passage_verdict"
      + " WHERE verdict = ANY($1::text[]) AND ts >= $2 AND ts < $3"
      + " AND ($4::timestamptz IS NULL OR (ts, municipality, id) > ($4, $5, $6))"
      + " AND ($7::text IS NULL OR municipality = $7)"
      + " ORDER BY ts, municipality, id LIMIT $8";

  private final Pool pool;
  private final MunicipalityDirectory directory;

  PassageQueries(Pool pool, MunicipalityDirectory directory) {
    this.pool = pool;
    this.directory = directory;
  }

  void handleGet(Message<JsonObject> message) {
    get(BusHeaders.caller(message), message.body()).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        Problems.fail(message, ar.cause());
      }
    });
  }

  void handleViolations(Message<JsonObject> message) {
    violations(BusHeaders.caller(message), message.body()).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        Problems.fail(message, ar.cause());
      }
    });
  }

  Future<JsonObject> get(BusHeaders.Caller caller, JsonObject query) {
    if (!caller.isMunicipality() || caller.municipality() == null) {
      return Future.failedFuture(Problem.forbidden("passages are read with the municipality's own key").exception());
    }
    String id = query.getString("id");
    Tuple key = Tuple.of(caller.municipality(), id);
    return pool.preparedQuery(VERDICT).execute(key).compose(rows -> {
      if (rows.size() > 0) {
        return Future.succeededFuture(VerdictRepository.fromRow(rows.iterator().next()).toView());
      }
      return pool.preparedQuery(CLAIM).execute(key).map(claims -> {
        if (claims.size() == 0) {
          throw Problem.notFound("no passage '" + id + "' of municipality " + caller.municipality()).exception();
        }
        Row row = claims.iterator().next();
        return new JsonObject().put("id", id).put("municipality", caller.municipality())
            .put("zone", row.getString("zone")).put("camera", row.getString("camera"))
            .put("timestamp", Verdict.local(row.getOffsetDateTime("ts"))).put("verdict", Verdict.PENDING)
            .putNull("basis").putNull("rule").putNull("vehicleKind").putNull("plate");
      });
    });
  }

  Future<JsonObject> violations(BusHeaders.Caller caller, JsonObject query) {
    String municipality;
    LocalDate from;
    LocalDate to;
    int limit;
    Cursor cursor;
    List<String> kinds;
    try {
      municipality = scope(caller, query.getString("municipality"));
      from = date(query, "from");
      to = date(query, "to");
      if (to.isBefore(from)) {
        throw Problem.unprocessable("to", "must not be before from").exception();
      }
      limit = limit(query.getString("limit"));
      cursor = query.getString("cursor") == null ? null : Cursor.decode(query.getString("cursor"));
      kinds = kinds(query.getString("kind"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Future<Void> known = municipality == null || caller.isMunicipality() ? Future.succeededFuture()
        : directory.current().compose(all -> all.containsKey(municipality) ? Future.succeededFuture()
            : Future.failedFuture(Problem.unprocessable("municipality", "unknown municipality " + municipality)
                .exception()));
    OffsetDateTime start = from.atStartOfDay(Verdict.AMSTERDAM).toOffsetDateTime();
    OffsetDateTime end = to.plusDays(1).atStartOfDay(Verdict.AMSTERDAM).toOffsetDateTime();
    Tuple params = Tuple.of(kinds.toArray(String[]::new), start, end,
        cursor == null ? null : cursor.timestamp(), cursor == null ? null : cursor.municipality(),
        cursor == null ? null : cursor.id(), municipality, limit + 1);
    return known.compose(v -> pool.preparedQuery(VIOLATIONS).execute(params)).map(rows -> page(rows, limit));
  }

  private static JsonObject page(RowSet<Row> rows, int limit) {
    JsonArray items = new JsonArray();
    Verdict last = null;
    boolean more = false;
    for (Row row : rows) {
      if (items.size() == limit) {
        more = true;
        break;
      }
      last = VerdictRepository.fromRow(row);
      items.add(last.toViolation());
    }
    String next = more ? new Cursor(last.timestamp(), last.municipality(), last.id()).encode() : null;
    return new JsonObject().put("items", items).put("nextCursor", next);
  }

  /** The municipality to list: a municipality key only its own; admin any or all. */
  private static String scope(BusHeaders.Caller caller, String asked) {
    if (caller.isMunicipality() && caller.municipality() != null) {
      if (asked != null && !asked.equals(caller.municipality())) {
        throw Problem.forbidden("a municipality key reads only its own municipality").exception();
      }
      return caller.municipality();
    }
    if ("admin".equals(caller.role())) {
      return asked;
    }
    throw Problem.forbidden("violations are read by a municipality or an admin key").exception();
  }

  private static LocalDate date(JsonObject query, String field) {
    String value = query.getString(field);
    if (value == null) {
      throw Problem.invalidField(field, "is required (YYYY-MM-DD)").exception();
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Problem.invalidField(field, "must be a date YYYY-MM-DD").exception();
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Problem.invalidField("limit", "must be an integer from 1 to " + MAX_LIMIT).exception();
  }

  private static List<String> kinds(String kind) {
    if (kind == null) {
      return List.of(Verdict.WARNING, Verdict.FINE);
    }
    if (!Set.of(Verdict.WARNING, Verdict.FINE).contains(kind)) {
      throw Problem.invalidField("kind", "must be WARNING or FINE").exception();
    }
    return List.of(kind);
  }

  /** Where the previous page ended; opaque to clients (base64url of its parts). */
  record Cursor(OffsetDateTime timestamp, String municipality, String id) {

    String encode() {
      String raw = timestamp + "\n" + municipality + "\n" + id;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", 3);
        return new Cursor(OffsetDateTime.parse(parts[0]), parts[1], parts[2]);
      } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | DateTimeParseException e) {
        throw Problem.invalidField("cursor", "is not a cursor this service gave out").exception();
      }
    }
  }
}
