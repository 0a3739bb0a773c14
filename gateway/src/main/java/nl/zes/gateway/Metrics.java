package nl.zes.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;

/**
 * The process's Prometheus registry, served at {@code /metrics}. It is part of Micrometer's global registry, so
 * meters that services register there (passages by verdict, consumer lag) are exposed with the Vert.x metrics
 * (HTTP server requests and latency histograms by route, method and status; event-bus traffic and reply
 * failures by address and kind, e.g. TIMEOUT). Vert.x metrics exist only on a Vert.x instance built with
 * {@link #vertxBuilder(VertxOptions)}; without it {@code /metrics} still shows the global meters.
 */
public final class Metrics {

  private static final PrometheusMeterRegistry REGISTRY = createRegistry();

  private Metrics() {
  }

  private static PrometheusMeterRegistry createRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    io.micrometer.core.instrument.Metrics.addRegistry(registry);
    return registry;
  }

  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /** Where services and the gateway register their own meters (the global registry). */
  public static MeterRegistry global() {
    return io.micrometer.core.instrument.Metrics.globalRegistry;
  }

  /** {@code options} with Vert.x metrics enabled: labels by route, method, status, event-bus address and failure. */
  public static VertxOptions vertxOptions(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_ADDRESS, Label.EB_FAILURE,
            Label.EB_SIDE, Label.POOL_TYPE, Label.POOL_NAME))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(true)));
  }

  public static VertxOptions vertxOptions() {
    return vertxOptions(new VertxOptions());
  }

  /** A builder for a Vert.x instance whose metrics go to {@link #registry()}. */
  public static VertxBuilder vertxBuilder(VertxOptions options) {
    return Vertx.builder().with(vertxOptions(options)).withMetrics(new MicrometerMetricsFactory(REGISTRY));
  }
}
