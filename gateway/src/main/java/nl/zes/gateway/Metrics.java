package nl.zes.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import nl.zes.common.metrics.ProcessMetrics;

/**
 * The gateway's view of the process's metrics ({@link ProcessMetrics}), served at {@code /metrics}: the Vert.x
 * metrics (HTTP server requests and latency histograms by route, method and status), the gateway's event-bus
 * failures by address and kind ({@code zes_gateway_bus_failures_total}) and every meter in Micrometer's global
 * registry, which in the embedded default includes the services' (passages by verdict, consumer lag).
 */
public final class Metrics {

  private Metrics() {
  }

  public static PrometheusMeterRegistry registry() {
    return ProcessMetrics.registry();
  }

  /** Where services and the gateway register their own meters (the global registry). */
  public static MeterRegistry global() {
    return io.micrometer.core.instrument.Metrics.globalRegistry;
  }

  /** A builder for a Vert.x instance whose metrics go to {@link #registry()}. */
  public static VertxBuilder vertxBuilder(VertxOptions options) {
    return ProcessMetrics.vertxBuilder(options);
  }
}
