package nl.zes.common.problem;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure into the problem a client should see, and answers an event-bus request with it. */
public final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  public static Problem from(Throwable failure) {
    if (failure instanceof ProblemException pe) {
      return pe.problem();
    }
    if (failure instanceof ReplyException re) {
      return fromReply(re);
    }
    if (isUnavailable(failure)) {
      return Problem.unavailable("a dependency is unavailable; retry later");
    }
    if (failure instanceof DecodeException) {
      return Problem.badRequest("the body is not valid JSON");
    }
    LOG.error("unexpected failure", failure);
    return Problem.of(500, "internal", "Internal error", "an unexpected error occurred");
  }

  /** Replies to an event-bus request with the failure's problem: code = HTTP status, text = problem JSON. */
  public static void fail(Message<?> message, Throwable failure) {
    Problem problem = from(failure);
    message.fail(problem.status(), problem.encode());
  }

  public static Problem fromReply(ReplyException re) {
    return switch (re.failureType()) {
      case NO_HANDLERS -> Problem.unavailable("the service that answers this is not running");
      case TIMEOUT -> Problem.of(504, "timeout", "Gateway timeout", "the service did not answer in time");
      default -> {
        String text = re.getMessage();
        if (text != null && text.startsWith("{")) {
          try {
            yield Problem.fromJson(new JsonObject(text));
          } catch (DecodeException ignored) {
            // not a problem document; fall through
          }
        }
        int code = re.failureCode();
        yield code >= 400 && code < 600
            ? Problem.of(code, "service-error", "Service error", text)
            : Problem.of(502, "bad-gateway", "Bad gateway", "the service failed");
      }
    };
  }

  /** PostgreSQL or Kafka not reachable, or a connection lost: the client may retry. */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException
          || t instanceof io.vertx.core.impl.NoStackTraceTimeoutException
          || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof org.apache.kafka.common.errors.RetriableException
          || t instanceof org.apache.kafka.common.errors.TimeoutException) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
