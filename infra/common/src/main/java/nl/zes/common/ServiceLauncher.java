package nl.zes.common;

import io.vertx.core.Deployable;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import nl.zes.common.cluster.ClusterConfig;
import nl.zes.common.cluster.ClusterManagers;
import nl.zes.common.config.ConfigException;
import nl.zes.common.config.Env;
import nl.zes.common.metrics.MetricsServer;
import nl.zes.common.metrics.ProcessMetrics;

/**
 * Runs one service as its own process through Vert.x's application launcher (SIGTERM undeploys it, which
 * drains it). Configuration is read first: a bad value stops the process with one line naming the variable.
 * With {@code ZES_CLUSTER_MEMBERS} set, the process joins the clustered event bus (see {@link ClusterConfig}); with
 * {@code ZES_METRICS_PORT} set, it serves its own {@code /metrics} (see {@link MetricsServer}).
 */
public final class ServiceLauncher {

  private ServiceLauncher() {
  }

  /** Launches a service with Vert.x metrics, served at {@code /metrics} on {@code ZES_METRICS_PORT} when that is set. */
  public static void launch(String[] args, Supplier<? extends Deployable> mainVerticle) {
    launch(args, mainVerticle, ProcessMetrics::vertxBuilder);
  }

  /** As {@link #launch(String[], Supplier)}, with the Vert.x builder made by {@code builder} (e.g. with metrics). */
  public static void launch(String[] args, Supplier<? extends Deployable> mainVerticle,
      java.util.function.Function<VertxOptions, VertxBuilder> builder) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    Deployable verticle;
    ClusterConfig cluster;
    MetricsServer.Config metrics;
    try {
      cluster = ClusterConfig.fromEnv(Env.of(System.getenv()));
      metrics = MetricsServer.Config.fromEnv(Env.of(System.getenv()));
      verticle = mainVerticle.get();
    } catch (ConfigException e) {
      System.err.println("zes: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<String> arguments = new ArrayList<>(Arrays.asList(args));
    if (cluster != null && !arguments.contains("-cluster") && !arguments.contains("--cluster")) {
      arguments.add("--cluster");
    }
    new VertxApplication(arguments.toArray(String[]::new), new VertxApplicationHooks() {
      @Override
      public Supplier<? extends Deployable> verticleSupplier() {
        return () -> verticle;
      }

      @Override
      public VertxBuilder createVertxBuilder(VertxOptions options) {
        if (cluster == null) {
          return builder.apply(options);
        }
        return builder.apply(ClusterManagers.eventBusOn(options, cluster))
            .withClusterManager(ClusterManagers.hazelcast(cluster));
      }

      @Override
      public void afterVerticleDeployed(HookContext context) {
        if (metrics != null) {
          MetricsServer.start(context.vertx(), metrics).onFailure(e -> {
            System.err.println("zes: cannot serve /metrics on " + metrics.host() + ":" + metrics.port() + ": " + e.getMessage());
            System.exit(2);
          });
        }
      }
    }).launch();
  }
}
