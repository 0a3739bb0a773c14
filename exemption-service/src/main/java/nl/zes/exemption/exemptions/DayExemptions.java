package nl.zes.exemption.exemptions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import nl.zes.common.problem.Problem;
import nl.zes.exemption.api.Fields;
import nl.zes.exemption.domain.Amsterdam;
import nl.zes.exemption.domain.DayExemptionRules;
import nl.zes.exemption.domain.Policy;
import nl.zes.exemption.index.AccessIndex;
import nl.zes.exemption.municipality.Municipalities;
import nl.zes.exemption.outbox.Outbox;

/**
 * Day exemptions (DOMAIN.md §6): at most {@code maxPerYear} per plate, municipality and calendar year, one per
 * date, valid from 00:00 until 06:00 the next day. Granting one is one transaction that first locks the
 * year's counter row, so two requests at the same moment cannot both take the last one.
 */
public final class DayExemptions {

  private final Pool pool;
  private final DayExemptionRepository repository;
  private final DayExemptionRules rules;
  private final Policy policy;
  private final AccessIndex index;
  private final Municipalities municipalities;
  private final Outbox outbox;
  private final Runnable published;

  public DayExemptions(Pool pool, Policy policy, AccessIndex index, Municipalities municipalities, Outbox outbox,
      Runnable published) {
    this.pool = pool;
    this.repository = new DayExemptionRepository(pool);
    this.rules = new DayExemptionRules(policy.dayExemptions());
    this.policy = policy;
    this.index = index;
    this.municipalities = municipalities;
    this.outbox = outbox;
    this.published = published;
  }

  /** Puts every day exemption into an index (at start). */
  public static Future<Void> loadAll(Pool pool, AccessIndex target) {
    return new DayExemptionRepository(pool).forEach(target::putDayExemption);
  }

  /** {@code {plate, municipality, date, requestedAt?}} → the day exemption with the year's count. */
  public Future<JsonObject> create(JsonObject body) {
    String plate = Fields.plate(body, "plate");
    String municipality = municipalities.require("municipality", Fields.text(body, "municipality")).code();
    LocalDate date = Fields.date(body, "date");
    Instant given = Fields.optionalInstant(body, "requestedAt");
    Instant requestedAt = given == null ? Instant.now() : given;
    LocalDate requestDay = Amsterdam.dateOf(requestedAt);
    if (!rules.mayRequest(requestedAt, date)) {
      throw Problem.unprocessable("date", "is before the day it was requested (" + requestDay
          + "); a day exemption may be requested afterwards on the same day only").exception();
    }
    LocalDate opened = policy.exemptions().earliestApplicationDate();
    if (requestDay.isBefore(opened)) {
      throw Problem.unprocessable("requestedAt", "is before " + opened + ", when the Centraal Loket opened")
          .exception();
    }
    int year = rules.countingYear(date);
    DayExemptionRules.Window window = rules.window(date);
    DayExemptionRecord asked = new DayExemptionRecord(null, plate, municipality, date, window.validFrom(),
        window.validUntil(), requestedAt);
    int[] usedBefore = {0};
    return pool.withTransaction(tx -> repository.lockUsed(tx, plate, municipality, year)
            .compose(used -> {
              usedBefore[0] = used;
              return repository.exists(tx, plate, municipality, date);
            })
            .compose(exists -> {
              if (exists) {
                throw Problem.conflict("duplicate", "this plate already has a day exemption in " + municipality
                    + " on " + date).exception();
              }
              if (usedBefore[0] >= policy.dayExemptions().maxPerYear()) {
                throw Problem.conflict("day-exemption-limit", "this plate has had its "
                    + policy.dayExemptions().maxPerYear() + " day exemptions in " + municipality + " in " + year)
                    .exception();
              }
              return repository.insert(tx, asked, year);
            })
            .compose(created -> outbox.add(tx, created.changed()).map(created)))
        .map(created -> {
          index.putDayExemption(created);
          published.run();
          int used = usedBefore[0] + 1;
          return created.toJson().put("usedThisYear", used).put("remainingThisYear", rules.remaining(used));
        });
  }

  /** {@code {plate, municipality, year?}} → {@code {used, remaining, items}}. */
  public Future<JsonObject> list(JsonObject query) {
    String plate = Fields.plate(query, "plate");
    String municipality = municipalities.require("municipality", Fields.text(query, "municipality")).code();
    int year = Fields.integer(query, "year", Amsterdam.dateOf(Instant.now()).getYear(), 2024, 9999);
    return repository.ofYear(plate, municipality, year).map(days -> {
      JsonArray items = new JsonArray();
      days.forEach(day -> items.add(day.toJson()));
      return new JsonObject().put("plate", plate).put("municipality", municipality).put("year", year)
          .put("used", days.size()).put("remaining", rules.remaining(days.size())).put("items", items);
    });
  }
}
