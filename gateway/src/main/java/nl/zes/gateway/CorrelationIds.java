package nl.zes.gateway;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes the client's {@code X-Correlation-Id} when it is sane, else makes one, and echoes it on the response.
 * While the gateway handles the request (and when it answers) the id is in the SLF4J MDC as {@code correlationId},
 * so every log line about the request carries it. One access line per request goes to the logger
 * {@code nl.zes.gateway.access} at DEBUG.
 */
public final class CorrelationIds {

  public static final String KEY = "zes.correlationId";
  public static final String HEADER = "X-Correlation-Id";
  public static final String MDC_KEY = "correlationId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Logger ACCESS = LoggerFactory.getLogger("nl.zes.gateway.access");

  private CorrelationIds() {
  }

  public static void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : randomId();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    if (ACCESS.isDebugEnabled()) {
      long started = System.nanoTime();
      ctx.addEndHandler(v -> withId(id, () -> ACCESS.debug("{} {} {} {}ms", ctx.request().method(), ctx.request().path(),
          ctx.response().getStatusCode(), (System.nanoTime() - started) / 1_000_000)));
    }
    withId(id, ctx::next);
  }

  /**
   * A random (version 4) UUID from {@link ThreadLocalRandom}: a correlation id needs to be unique, not
   * unguessable, and {@code UUID.randomUUID()} takes the lock of a shared {@code SecureRandom} on every request.
   */
  static String randomId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & ~(3L << 62)) | (1L << 63)).toString();
  }

  /** Runs {@code action} with the correlation id in the MDC (for log lines written in callbacks). */
  public static void withId(String id, Runnable action) {
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, id);
    try {
      action.run();
    } finally {
      if (previous == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, previous);
      }
    }
  }
}
