package nl.zes.gateway;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/** Takes the client's {@code X-Correlation-Id} when it is sane, else makes one, and echoes it on the response. */
public final class CorrelationIds {

  public static final String KEY = "zes.correlationId";
  public static final String HEADER = "X-Correlation-Id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private CorrelationIds() {
  }

  public static void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }
}
