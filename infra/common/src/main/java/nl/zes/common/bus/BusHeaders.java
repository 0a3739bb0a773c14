package nl.zes.common.bus;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * Headers the gateway puts on every request it forwards: who asks (role, municipality of a municipality key)
 * and the correlation id of the HTTP request. Services trust them: only the gateway is reachable from outside.
 */
public final class BusHeaders {

  public static final String CORRELATION_ID = "zes-correlation-id";
  public static final String ROLE = "zes-role";
  public static final String MUNICIPALITY = "zes-municipality";

  private BusHeaders() {
  }

  public record Caller(String role, String municipality, String correlationId) {

    public boolean isMunicipality() {
      return "municipality".equals(role);
    }

    public DeliveryOptions deliveryOptions(long timeoutMs) {
      DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
      if (role != null) {
        options.addHeader(ROLE, role);
      }
      if (municipality != null) {
        options.addHeader(MUNICIPALITY, municipality);
      }
      if (correlationId != null) {
        options.addHeader(CORRELATION_ID, correlationId);
      }
      return options;
    }
  }

  public static Caller caller(Message<?> message) {
    MultiMap headers = message.headers();
    return new Caller(headers.get(ROLE), headers.get(MUNICIPALITY), headers.get(CORRELATION_ID));
  }
}
