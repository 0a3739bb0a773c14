package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DOMAIN.md §8: a violation keeps its plate for the configured retention, then the plate is erased. */
final class ViolationPurge {

  private static final Logger LOG = LoggerFactory.getLogger(ViolationPurge.class);

  static final String ERASE_PLATES = "UPDATE passage_verdict SET plate = NULL WHERE plate IS NOT NULL AND ts < $1";
  static final String DELETE_DAYS = "DELETE FROM violation_day WHERE day < $1::date";

  private final Vertx vertx;
  private final Pool pool;
  private final Duration retention;
  private final Duration interval;
  private long timer = -1;

  ViolationPurge(Vertx vertx, Pool pool, Duration retention, Duration interval) {
    this.vertx = vertx;
    this.pool = pool;
    this.retention = retention;
    this.interval = interval;
  }

  void start() {
    timer = vertx.setPeriodic(0, interval.toMillis(), id -> run());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Erases plates of violations older than the retention; returns how many. */
  Future<Integer> run() {
    OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
    return pool.withTransaction(conn -> conn.preparedQuery(ERASE_PLATES).execute(Tuple.of(cutoff))
            .compose(erased -> conn.preparedQuery(DELETE_DAYS)
                .execute(Tuple.of(Verdict.dayOf(cutoff).minusDays(1)))
                .map(erased.rowCount())))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("erased the plates of {} violations older than {}", n, retention);
          }
        })
        .onFailure(e -> LOG.warn("violation purge failed; it runs again in {}: {}", interval, e.toString()));
  }
}
