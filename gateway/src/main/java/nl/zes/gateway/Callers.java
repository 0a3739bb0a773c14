package nl.zes.gateway;

import io.vertx.ext.web.RoutingContext;
import nl.zes.common.bus.BusHeaders;

/** Who is calling, as the authentication handler left it on the routing context. */
public final class Callers {

  public static final String KEY = "zes.caller";

  private Callers() {
  }

  public static BusHeaders.Caller of(RoutingContext ctx) {
    BusHeaders.Caller caller = ctx.get(KEY);
    String correlationId = ctx.get(CorrelationIds.KEY);
    if (caller == null) {
      return new BusHeaders.Caller(null, null, correlationId);
    }
    return new BusHeaders.Caller(caller.role(), caller.municipality(), correlationId);
  }
}
