package nl.zes.devstack;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.zes.common.config.ConfigException;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;
import nl.zes.embedded.LocalKafka;
import nl.zes.embedded.LocalPostgres;
import nl.zes.exemption.ExemptionConfig;
import nl.zes.exemption.ExemptionVerticle;
import nl.zes.gateway.GatewayConfig;
import nl.zes.gateway.GatewayVerticle;
import nl.zes.gateway.Metrics;
import nl.zes.passage.PassageConfig;
import nl.zes.simulator.Demo;
import nl.zes.simulator.DemoSizes;
import nl.zes.passage.PassageVerticle;
import nl.zes.reporting.ReportingConfig;
import nl.zes.reporting.ReportingVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zes up}: a real PostgreSQL and a real Kafka on loopback with their data under {@code ZES_DATA_DIR},
 * and the four services in this process, in the foreground. Ctrl-C or SIGTERM stops the services first (they
 * drain), then Kafka, then PostgreSQL; a later {@code zes up} on the same directory finds all it stored.
 */
public final class DevStack {

  private static final Logger LOG = LoggerFactory.getLogger(DevStack.class);
  private static final String DATABASE = "zes";

  private final DevStackOptions options;
  private LocalPostgres postgres;
  private LocalKafka kafka;
  private Vertx vertx;
  private final ServiceProcesses processes = new ServiceProcesses();

  DevStack(DevStackOptions options) {
    this.options = options;
  }

  public static void main(String[] args) {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    if (args.length == 0 || !"up".equals(args[0])) {
      System.err.println("usage: zes up [--demo]");
      System.exit(2);
    }
    DevStackOptions options;
    try {
      options = DevStackOptions.parse(args, System.getenv());
    } catch (ConfigException e) {
      System.err.println("zes: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    DevStack stack = new DevStack(options);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "zes-stop"));
    try {
      stack.start();
    } catch (Exception e) {
      LOG.error("zes could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  void start() throws Exception {
    Files.createDirectories(options.dataDir());
    LOG.info("data directory {}", options.dataDir());
    CompletableFuture<LocalKafka> kafkaStarted = CompletableFuture.supplyAsync(() -> LocalKafka.start(
        options.dataDir().resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort(), 4));
    postgres = LocalPostgres.start(options.dataDir().resolve("postgres"), options.pgPort(), true);
    if (!postgres.databaseExists(DATABASE)) {
      postgres.createDatabase(DATABASE);
    }
    kafka = kafkaStarted.join();
    String adminKey = adminKey();

    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PGHOST", postgres.host());
    env.put("PGPORT", String.valueOf(postgres.port()));
    env.put("PGDATABASE", DATABASE);
    env.put("PGUSER", postgres.user());
    env.remove("PGPASSWORD");
    env.put("ZES_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("ZES_HTTP_HOST", "127.0.0.1");
    env.put("ZES_HTTP_PORT", String.valueOf(options.httpPort()));
    env.put("ZES_BOOTSTRAP_ADMIN_KEY", adminKey);

    if (options.cluster() > 0) {
      processes.start(Path.of("").toAbsolutePath(), options.dataDir().resolve("logs"), options.cluster(),
          options.httpPort(), env);
    } else {
      vertx = Metrics.vertxBuilder(new VertxOptions().setPreferNativeTransport(true)).build();
      deploy(new ExemptionVerticle(ExemptionConfig.fromEnv(env)))
          .compose(id -> deploy(new PassageVerticle(PassageConfig.fromEnv(env))))
          .compose(id -> deploy(new ReportingVerticle(ReportingConfig.fromEnv(env))))
          .compose(id -> deploy(new GatewayVerticle(GatewayConfig.fromEnv(env))))
          .await(5, TimeUnit.MINUTES);
    }

    String url = "http://127.0.0.1:" + options.httpPort();
    System.out.println();
    if (options.cluster() > 0) {
      System.out.println("ZES cluster starting: " + options.cluster() + " instance(s) of each service as separate processes;"
          + " gateways on ports " + options.httpPort() + ".." + (options.httpPort() + options.cluster() - 1)
          + ", logs in " + options.dataDir().resolve("logs"));
    }
    System.out.println("ZES is up: " + url + "/api/v1   (dashboard " + url + "/, API docs " + url + "/docs)");
    System.out.println("admin key: " + adminKey);
    System.out.println("ready:     curl " + url + "/health/ready");
    System.out.println("Ctrl-C stops everything; data stays in " + options.dataDir());
    if (options.demo()) {
      runDemo(url, adminKey);
    }
    if (options.cluster() > 0) {
      // no event loop of ours keeps this JVM alive: wait for Ctrl-C / SIGTERM (the shutdown hook stops all)
      new java.util.concurrent.CountDownLatch(1).await();
    }
  }

  /** Loads the simulated register, applications and two months of traffic through the public API. */
  private static void runDemo(String url, String adminKey) {
    System.out.println("demo: loading a simulated register, applications and November-December 2025 of traffic...");
    Demo.Result result = Demo.run(url, adminKey, DemoSizes.standard(), System.out::println);
    System.out.println();
    System.out.println("demo loaded. Dashboard: " + result.dashboardUrl() + "  (paste the reporting key)");
    System.out.println("reporting key: " + result.reportingKey());
    System.out.println("loket key:     " + result.loketKey());
    result.municipalityKeys().entrySet().stream().limit(3)
        .forEach(e -> System.out.println("municipality " + e.getKey() + " key: " + e.getValue()));
    result.problems().forEach(p -> System.out.println("demo problem: " + p));
  }

  private Future<String> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle, new DeploymentOptions());
  }

  /** The given key, else the one generated on an earlier start, else a new one kept (mode 600) in the data dir. */
  private String adminKey() throws IOException {
    if (options.adminKey() != null) {
      return options.adminKey();
    }
    Path file = options.dataDir().resolve("admin.key");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = "zes_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, key + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return key;
  }

  void stop() {
    LOG.info("stopping ZES");
    processes.stop();
    if (vertx != null) {
      try {
        vertx.close().await(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("services did not stop cleanly: {}", e.toString());
      }
    }
    if (kafka != null) {
      kafka.stop();
    }
    if (postgres != null) {
      postgres.stop();
    }
    LOG.info("ZES stopped");
  }

}
