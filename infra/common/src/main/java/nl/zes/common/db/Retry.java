package nl.zes.common.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retries a start-up step with exponential back-off until it succeeds or the service is stopped. */
public final class Retry {

  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);
  private static final Duration FIRST = Duration.ofMillis(250);
  private static final Duration MAX = Duration.ofSeconds(10);

  private Retry() {
  }

  public static <T> Future<T> withBackoff(Vertx vertx, String what, Supplier<Future<T>> step) {
    Promise<T> promise = Promise.promise();
    attempt(vertx, what, step, promise, FIRST, 1);
    return promise.future();
  }

  private static <T> void attempt(Vertx vertx, String what, Supplier<Future<T>> step, Promise<T> promise,
      Duration delay, int attempt) {
    step.get().onComplete(result -> {
      if (result.succeeded()) {
        promise.complete(result.result());
        return;
      }
      LOG.warn("{} failed (attempt {}), retrying in {} ms: {}", what, attempt, delay.toMillis(),
          result.cause().getMessage());
      Duration next = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
      try {
        vertx.setTimer(delay.toMillis(), id -> attempt(vertx, what, step, promise, next, attempt + 1));
      } catch (IllegalStateException closed) {
        promise.tryFail(result.cause());
      }
    });
  }
}
