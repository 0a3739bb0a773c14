package nl.zes.common.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;

/**
 * The process's one Prometheus registry. It is part of Micrometer's global registry, so the meters services
 * register there (passages by verdict, consumer lag, dead letters) are exposed beside the Vert.x metrics (HTTP
 * server requests and latency histograms by route, method and status; pools; JVM; not the event bus, see
 * {@link #vertxOptions}). Vert.x metrics exist only on a Vert.x instance built with {@link #vertxBuilder(VertxOptions)}.
 */
public final class ProcessMetrics {

  private static final PrometheusMeterRegistry REGISTRY = createRegistry();

  private ProcessMetrics() {
  }

  private static PrometheusMeterRegistry createRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    io.micrometer.core.instrument.Metrics.addRegistry(registry);
    return registry;
  }

  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /** {@code options} with Vert.x metrics enabled: labels by route, method, status, event-bus address and failure. */
  public static VertxOptions vertxOptions(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        // Vert.x's event-bus meters re-register their gauge on every message: ~13% of the gateway's event loop in
        // a profile, and most of its p99 at 10,000 req/s. Bus failures by address and kind (timeouts included) are
        // counted by the gateway itself (zes_gateway_bus_failures_total).
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true)));
  }

  /** A builder for a Vert.x instance whose metrics go to {@link #registry()}. */
  public static VertxBuilder vertxBuilder(VertxOptions options) {
    return Vertx.builder().with(vertxOptions(options)).withMetrics(new MicrometerMetricsFactory(REGISTRY));
  }
}
