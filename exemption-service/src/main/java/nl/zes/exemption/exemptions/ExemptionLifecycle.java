package nl.zes.exemption.exemptions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.zes.common.problem.Problem;
import nl.zes.exemption.api.Fields;
import nl.zes.exemption.domain.Amsterdam;
import nl.zes.exemption.domain.ExemptionStatus;
import nl.zes.exemption.domain.ExemptionType;
import nl.zes.exemption.domain.Policy;
import nl.zes.exemption.domain.Scope;
import nl.zes.exemption.domain.Validity;
import nl.zes.exemption.index.AccessIndex;
import nl.zes.exemption.municipality.Municipalities;
import nl.zes.exemption.outbox.Outbox;

/**
 * Long-term exemptions (DOMAIN.md §5): application → PENDING → GRANTED / REJECTED / SET_ASIDE, and GRANTED →
 * REVOKED. Each change is one transaction that also writes its event to the outbox; the index follows after the
 * commit.
 */
public final class ExemptionLifecycle {

  public static final int DEFAULT_PAGE = 100;
  public static final int MAX_PAGE = 1_000;
  private static final List<ExemptionStatus> OUTCOMES =
      List.of(ExemptionStatus.GRANTED, ExemptionStatus.REJECTED, ExemptionStatus.SET_ASIDE);

  private final Pool pool;
  private final ExemptionRepository repository;
  private final Policy policy;
  private final AccessIndex index;
  private final Municipalities municipalities;
  private final Outbox outbox;
  private final Runnable published;

  /** @param published called after each committed change (nudges the outbox publisher) */
  public ExemptionLifecycle(Pool pool, Policy policy, AccessIndex index, Municipalities municipalities,
      Outbox outbox, Runnable published) {
    this.pool = pool;
    this.repository = new ExemptionRepository(pool);
    this.policy = policy;
    this.index = index;
    this.municipalities = municipalities;
    this.outbox = outbox;
    this.published = published;
  }

  /** Puts every granted exemption into an index (at start). */
  public static Future<Void> loadGranted(Pool pool, AccessIndex target) {
    return new ExemptionRepository(pool).forEachGranted(target::putExemption);
  }

  public Future<ExemptionRecord> create(JsonObject body) {
    Application application = application(body);
    return pool.withTransaction(tx -> repository.insert(tx, application)
            .compose(created -> outbox.add(tx, created.changed(created.submittedAt())).map(created)))
        .onSuccess(created -> published.run());
  }

  public Future<ExemptionRecord> decide(JsonObject body) {
    String id = Fields.text(body, "id");
    ExemptionStatus outcome = outcome(Fields.text(body, "outcome"));
    LocalDate validFrom = Fields.optionalDate(body, "validFrom");
    LocalDate validUntil = Fields.optionalDate(body, "validUntil");
    String reason = Fields.optionalText(body, "reason");
    Instant decidedAt = orNow(Fields.optionalInstant(body, "decidedAt"));
    if (outcome != ExemptionStatus.GRANTED && (validFrom != null || validUntil != null)) {
      throw Problem.unprocessable(validFrom != null ? "validFrom" : "validUntil",
          "only a GRANTED decision has a validity").exception();
    }
    return pool.withTransaction(tx -> repository.lock(tx, id).compose(current -> {
      pending(id, current);
      if (decidedAt.isBefore(current.submittedAt())) {
        throw Problem.unprocessable("decidedAt", "is before the application was submitted").exception();
      }
      Validity validity = outcome == ExemptionStatus.GRANTED ? validity(current, validFrom, validUntil, decidedAt)
          : null;
      return repository.decide(tx, id, outcome, validity == null ? null : validity.validFrom(),
              validity == null ? null : validity.validUntil(), decidedAt, reason)
          .compose(decided -> outbox.add(tx, decided.changed(decidedAt)).map(decided));
    })).onSuccess(this::committed);
  }

  public Future<ExemptionRecord> revoke(JsonObject body) {
    String id = Fields.text(body, "id");
    String reason = Fields.text(body, "reason");
    Instant revokedAt = Instant.now();
    return pool.withTransaction(tx -> repository.lock(tx, id).compose(current -> {
      if (current == null) {
        throw Problem.notFound("no exemption " + id).exception();
      }
      if (current.status() != ExemptionStatus.GRANTED) {
        throw Problem.conflict("not-granted", "exemption " + id + " is " + current.status()
            + "; only a GRANTED exemption can be revoked").exception();
      }
      return repository.revoke(tx, id, revokedAt, reason)
          .compose(revoked -> outbox.add(tx, revoked.changed(revokedAt)).map(revoked));
    })).onSuccess(this::committed);
  }

  public Future<ExemptionRecord> get(JsonObject body) {
    String id = Fields.text(body, "id");
    return repository.find(id).map(found -> {
      if (found == null) {
        throw Problem.notFound("no exemption " + id).exception();
      }
      return found;
    });
  }

  /** {@code {plate?, status?, type?, municipality?, limit?, cursor?}} → {@code {items, nextCursor}}. */
  public Future<JsonObject> list(JsonObject query) {
    String plate = Fields.optionalPlate(query, "plate");
    ExemptionStatus status = Fields.optionalEnum(query, "status", ExemptionStatus.class);
    ExemptionType type = Fields.optionalEnum(query, "type", ExemptionType.class);
    String municipality = Fields.optionalText(query, "municipality");
    if (municipality != null) {
      municipalities.require("municipality", municipality);
    }
    int limit = Fields.integer(query, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
    long after = cursor(Fields.optionalText(query, "cursor"));
    return repository.page(plate, status == null ? null : status.name(), type == null ? null : type.name(),
        municipality, after, limit + 1).map(page -> {
          JsonArray items = new JsonArray();
          page.stream().limit(limit).forEach(e -> items.add(e.toJson()));
          String next = page.size() > limit ? encodeCursor(page.get(limit - 1).id()) : null;
          return new JsonObject().put("items", items).put("nextCursor", next);
        });
  }

  private void committed(ExemptionRecord changed) {
    index.putExemption(changed);
    published.run();
  }

  private Application application(JsonObject body) {
    String plate = Fields.plate(body, "plate");
    ExemptionType type = Fields.enumValue(body, "type", ExemptionType.class);
    JsonObject applicant = Fields.optionalObject(body, "applicant");
    if (applicant == null) {
      throw Fields.missing("applicant");
    }
    String name = Fields.optionalText(applicant, "name");
    if (name == null) {
      throw Fields.missing("applicant.name");
    }
    Object kvk = applicant.getValue("kvk");
    LocalDate requestedFrom = Fields.date(body, "requestedFrom");
    LocalDate requestedUntil = Fields.optionalDate(body, "requestedUntil");
    Instant submittedAt = orNow(Fields.optionalInstant(body, "submittedAt"));
    LocalDate submitted = Amsterdam.dateOf(submittedAt);
    LocalDate opened = policy.exemptions().earliestApplicationDate();
    if (requestedFrom.isBefore(opened)) {
      throw Problem.unprocessable("requestedFrom", "is before " + opened + ", when the Centraal Loket opened")
          .exception();
    }
    if (submitted.isBefore(opened)) {
      throw Problem.unprocessable("submittedAt", "is before " + opened + ", when the Centraal Loket opened")
          .exception();
    }
    if (requestedUntil != null && !requestedUntil.isAfter(requestedFrom)) {
      throw Problem.unprocessable("requestedUntil", "must be after requestedFrom").exception();
    }
    if (requestedUntil == null && type.requiresRequestedEnd(policy)) {
      throw Problem.unprocessable("requestedUntil", "is required: " + type
          + " is granted until the requested end").exception();
    }
    Scope scope = type.scopeAt(submitted, policy);
    return new Application(plate, type, scope, municipalities(body, type, scope, submitted), name,
        kvk == null ? null : String.valueOf(kvk), requestedFrom, requestedUntil, submittedAt);
  }

  private List<String> municipalities(JsonObject body, ExemptionType type, Scope scope, LocalDate submitted) {
    JsonArray given = Fields.optionalArray(body, "municipalities");
    if (scope == Scope.NATIONAL) {
      if (given != null) {
        throw Problem.unprocessable("municipalities", "must be absent: " + type + " submitted on " + submitted
            + " is national").exception();
      }
      return null;
    }
    if (given == null || given.isEmpty()) {
      throw Problem.unprocessable("municipalities", "is required: " + type + " submitted on " + submitted
          + " is local").exception();
    }
    Set<String> codes = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      Object code = given.getValue(i);
      if (!(code instanceof String text)) {
        throw Problem.invalidField("municipalities[" + i + "]", "must be a CBS code").exception();
      }
      codes.add(municipalities.require("municipalities[" + i + "]", text).code());
    }
    return new ArrayList<>(codes);
  }

  /** The decision's validity: what it states, the rest from the type's default (DOMAIN.md §5). */
  private Validity validity(ExemptionRecord current, LocalDate validFrom, LocalDate validUntil, Instant decidedAt) {
    LocalDate from = validFrom;
    LocalDate until = validUntil;
    if (from == null || until == null) {
      Validity defaults;
      try {
        defaults = current.type().defaultValidity(Amsterdam.dateOf(decidedAt), current.requestedFrom(),
            current.requestedUntil(), index.vehicle(current.plate()), policy);
      } catch (IllegalArgumentException e) {
        throw Problem.unprocessable("validUntil", "is required: " + e.getMessage()).exception();
      }
      from = from == null ? defaults.validFrom() : from;
      until = until == null ? defaults.validUntil() : until;
    }
    if (!until.isAfter(from)) {
      throw Problem.unprocessable(validUntil != null ? "validUntil" : "validFrom", "validFrom " + from
          + " is not before validUntil " + until).exception();
    }
    return new Validity(from, until);
  }

  private static void pending(String id, ExemptionRecord current) {
    if (current == null) {
      throw Problem.notFound("no exemption " + id).exception();
    }
    if (current.status() != ExemptionStatus.PENDING) {
      throw Problem.conflict("already-decided", "exemption " + id + " was already decided: " + current.status())
          .exception();
    }
  }

  private static ExemptionStatus outcome(String text) {
    for (ExemptionStatus status : OUTCOMES) {
      if (status.name().equals(text)) {
        return status;
      }
    }
    throw Problem.invalidField("outcome", "must be one of GRANTED, REJECTED, SET_ASIDE").exception();
  }

  private static Instant orNow(Instant given) {
    return given == null ? Instant.now() : given;
  }

  private static String encodeCursor(String id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  /** The seq after which a page starts; 0 for the first page. */
  private static long cursor(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (id.startsWith("EX-")) {
        return Long.parseLong(id.substring(3));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the problem below (NumberFormatException is an IllegalArgumentException)
    }
    throw Problem.invalidField("cursor", "is not a cursor this service gave out").exception();
  }
}
