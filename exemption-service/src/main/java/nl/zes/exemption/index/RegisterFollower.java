package nl.zes.exemption.index;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import nl.zes.exemption.vehicles.RegisterRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts into this instance's index the vehicles that any instance imported, by asking PostgreSQL every
 * {@link #INTERVAL} for the register rows written since the last answer. Register imports publish no events
 * (they can be millions of rows a day, and the index only needs the latest state of each plate), so polling the
 * register's {@code imported_at} is both simpler and cheaper than an event per row.
 *
 * <p>{@code imported_at} is the start time of the writing transaction, which may commit later. So the next
 * question starts not at "now" but at the start of the oldest transaction open when this one was asked: a
 * vehicle written by a transaction still running is found next time, and nothing is missed. Vehicles are only
 * ever added or replaced, so reading one twice changes nothing.
 *
 * <p>Rows this instance's own imports wrote are left out: those imports put their vehicles into the index
 * themselves, deriving them partly from the index. While such a batch is written, this instance's view of
 * another instance's rows may be behind (read before the batch committed, or not yet read when the batch derived
 * its vehicles), so after polls that overlapped such batches, the first poll with none reads again from where
 * the first of them started.
 */
final class RegisterFollower {

  private static final Logger LOG = LoggerFactory.getLogger(RegisterFollower.class);
  static final Duration INTERVAL = Duration.ofSeconds(2);
  /** Includes this statement's own transaction, so it is never null and never after now(). */
  private static final String OLDEST_OPEN =
      "SELECT min(xact_start) AS oldest FROM pg_stat_activity WHERE datname = current_database()";

  private final Vertx vertx;
  private final Pool pool;
  private final RegisterRepository register;
  private OffsetDateTime since;
  /** Where the first poll with no batch of this instance being written reads from again; null when not needed. */
  private OffsetDateTime replayFrom;
  private long timer = -1;
  private boolean polling;
  private Future<Void> lastPoll = Future.succeededFuture();

  RegisterFollower(Vertx vertx, Pool pool, RegisterRepository register) {
    this.vertx = vertx;
    this.pool = pool;
    this.register = register;
  }

  /** Call right before the index is loaded from PostgreSQL: the first poll starts here. */
  Future<Void> mark() {
    return oldestOpen().onSuccess(moment -> since = moment).mapEmpty();
  }

  void follow(AccessIndex index) {
    timer = vertx.setPeriodic(INTERVAL.toMillis(), id -> poll(index));
  }

  Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return lastPoll.otherwiseEmpty();
  }

  private void poll(AccessIndex index) {
    if (polling) {
      return;
    }
    polling = true;
    long quiet = register.quietMark();
    OffsetDateTime from = quiet >= 0 && replayFrom != null ? replayFrom : since;
    lastPoll = oldestOpen()
        .compose(next -> register.forEachVehicleChangedSince(from, index::putVehicle).map(count -> {
          if (register.quietSince(quiet)) {
            replayFrom = null;
          } else if (replayFrom == null) {
            replayFrom = from;
          }
          since = next;
          if (count > 0) {
            LOG.debug("{} vehicles of the register refreshed in the index", count);
          }
          return (Void) null;
        }))
        .onComplete(ar -> {
          polling = false;
          if (ar.failed()) {
            LOG.warn("register changes not read yet, retrying: {}", ar.cause().getMessage());
          }
        });
  }

  private Future<OffsetDateTime> oldestOpen() {
    return pool.query(OLDEST_OPEN).execute().map(rows -> rows.iterator().next().getOffsetDateTime("oldest"));
  }
}
