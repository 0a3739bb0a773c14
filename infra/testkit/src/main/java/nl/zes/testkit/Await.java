package nl.zes.testkit;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls an asynchronous question until its answer satisfies a condition, within a bound (no sleeps in tests). */
public final class Await {

  private static final long INTERVAL_MS = 100;

  private Await() {
  }

  public static <T> Future<T> until(Vertx vertx, Supplier<Future<T>> question, Predicate<T> condition, Duration bound) {
    Promise<T> promise = Promise.promise();
    long deadline = System.nanoTime() + bound.toNanos();
    poll(vertx, question, condition, deadline, promise);
    return promise.future();
  }

  private static <T> void poll(Vertx vertx, Supplier<Future<T>> question, Predicate<T> condition, long deadline,
      Promise<T> promise) {
    question.get().onComplete(ar -> {
      if (ar.succeeded() && condition.test(ar.result())) {
        promise.complete(ar.result());
      } else if (System.nanoTime() > deadline) {
        promise.fail(new AssertionError("condition not met in time; last answer: "
            + (ar.succeeded() ? ar.result() : ar.cause())));
      } else {
        vertx.setTimer(INTERVAL_MS, id -> poll(vertx, question, condition, deadline, promise));
      }
    });
  }

  /** Runs blocking work (stopping a server, psql) off the event loop. */
  public static <T> Future<T> blocking(Vertx vertx, java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(work);
  }
}
