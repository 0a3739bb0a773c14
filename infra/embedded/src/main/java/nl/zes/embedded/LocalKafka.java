package nl.zes.embedded;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one node) in a child JVM on loopback.
 *
 * <p>It runs in its own JVM because the broker needs the kafka-clients of its own version, while the
 * services keep the one vertx-kafka-client ships. The child exits when this JVM goes away.
 */
public final class LocalKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
  private static final String CLASSPATH_RESOURCE = "zes/kafka-broker.classpath";
  private static final String MAIN_CLASS = "nl.zes.kafkabroker.KafkaBrokerMain";

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final int partitions;
  private Process process;

  private LocalKafka(Path dir, int port, int controllerPort, int partitions) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.partitions = partitions;
  }

  /** Starts a broker whose data lives in {@code dir} (kept across restarts) on the given loopback ports. */
  public static LocalKafka start(Path dir, int port, int controllerPort, int defaultPartitions) {
    LocalKafka kafka = new LocalKafka(dir.toAbsolutePath(), port, controllerPort, defaultPartitions);
    kafka.startBroker();
    return kafka;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the broker cleanly (controlled shutdown); its data stays for {@link #restart()}. */
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    ChildProcesses.stop(process, Duration.ofSeconds(30));
    LOG.info("Kafka on port {} stopped", port);
  }

  public synchronized void restart() {
    if (!isRunning()) {
      startBroker();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startBroker() {
    try {
      Files.createDirectories(dir);
      Path config = writeConfig();
      Path launcher = extractLauncher();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath = brokerClasspath() + File.pathSeparator + launcher;
      process = new ProcessBuilder(ChildProcesses.detached(List.of(java, "-Xms128m", "-Xmx256m", "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.awt.headless=true",
          "-Dlog4j2.level=WARN", "-cp", classpath, MAIN_CLASS,
          config.toString(), clusterId(), dir.resolve("logs").toString())))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker", e);
    }
    awaitReady();
    LOG.info("Kafka listening on {}", bootstrapServers());
  }

  private Path writeConfig() throws IOException {
    Properties p = new Properties();
    p.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", dir.resolve("logs").toString()),
        Map.entry("num.partitions", String.valueOf(partitions)),
        Map.entry("auto.create.topics.enable", "true"),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "4"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "4"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("log.cleaner.dedupe.buffer.size", "16777216"),
        Map.entry("log.flush.interval.messages", "9223372036854775807")));
    Path config = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      p.store(out, "written by ZES LocalKafka");
    }
    return config;
  }

  /** The cluster id is kept beside the data so that a restart finds its formatted log directory. */
  private String clusterId() throws IOException {
    Path file = dir.resolve("cluster.id");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    String id;
    do {
      // the storage tool's argument parser would take an id that starts with '-' for an option
      byte[] uuid = new byte[16];
      UUID random = UUID.randomUUID();
      java.nio.ByteBuffer.wrap(uuid).putLong(random.getMostSignificantBits()).putLong(random.getLeastSignificantBits());
      id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(uuid);
    } while (id.startsWith("-"));
    Files.writeString(file, id);
    return id;
  }

  /** Copies the launcher class alone into a directory, so nothing else of this JVM's classpath reaches the broker. */
  private Path extractLauncher() throws IOException {
    String resource = MAIN_CLASS.replace('.', '/') + ".class";
    Path target = dir.resolve("launcher").resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = LocalKafka.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      Files.write(target, in.readAllBytes());
    }
    return dir.resolve("launcher");
  }

  private static String brokerClasspath() throws IOException {
    try (InputStream in = LocalKafka.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build the project with Maven first");
      }
      String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      for (String entry : classpath.split(File.pathSeparator)) {
        if (!Files.exists(Path.of(entry))) {
          throw new IllegalStateException("Kafka broker jar missing: " + entry + " (run mvn install -DskipTests)");
        }
      }
      return classpath;
    }
  }

  private void awaitReady() {
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    try (Admin admin = Admin.create(config)) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + "; see "
              + dir.resolve("broker.log"));
        }
        try {
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          Thread.sleep(100);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException("the Kafka broker did not become ready on " + bootstrapServers());
  }
}
