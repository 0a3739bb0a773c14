package nl.zes.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zes up --cluster N}: every service as N separate processes (their runnable jars), joined by the
 * clustered event bus on loopback. Gateways listen on consecutive ports from the configured HTTP port.
 * {@link #runnableJar} and {@link #launch} start one process for the cluster fault tests as well.
 */
public final class ServiceProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcesses.class);
  private static final List<String> SERVICES = List.of("exemption-service", "passage-service", "reporting-service", "gateway");
  private static final int FIRST_HAZELCAST_PORT = 5701;
  /** Services' own /metrics ports: the first HTTP port + this + the member's number (gateways serve it themselves). */
  static final int METRICS_PORT_OFFSET = 100;

  private final List<Process> processes = new ArrayList<>();

  void start(Path repo, Path logDir, int instances, int firstHttpPort, Map<String, String> baseEnv) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int members = SERVICES.size() * instances;
    String memberList = IntStream.range(0, members)
        .mapToObj(i -> "127.0.0.1:" + (FIRST_HAZELCAST_PORT + i)).collect(Collectors.joining(","));
    int member = 0;
    for (String service : SERVICES) {
      Path jar = runnableJar(repo, service);
      for (int i = 0; i < instances; i++, member++) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("ZES_CLUSTER_MEMBERS", memberList);
        env.put("ZES_CLUSTER_HOST", "127.0.0.1");
        env.put("ZES_CLUSTER_PORT", String.valueOf(FIRST_HAZELCAST_PORT + member));
        env.put("ZES_HTTP_PORT", String.valueOf(firstHttpPort + i));
        if (!service.equals("gateway")) {
          env.put("ZES_METRICS_PORT", String.valueOf(firstHttpPort + METRICS_PORT_OFFSET + member));
        }
        processes.add(launch(jar, List.of("-Xmx512m", "-XX:+UseSerialGC"), env,
            logDir.resolve(service + "-" + i + ".log")));
        LOG.info("started {} #{} (pid {}){}, log {}", service, i, processes.get(processes.size() - 1).pid(),
            env.containsKey("ZES_METRICS_PORT") ? ", metrics http://127.0.0.1:" + env.get("ZES_METRICS_PORT") + "/metrics" : "",
            logDir.resolve(service + "-" + i + ".log"));
        if (member == 0) {
          awaitFirstMember(processes.get(0));
        }
      }
    }
  }

  /** A service's runnable jar in the repository; fails naming the jar and the command when it is not built. */
  public static Path runnableJar(Path repo, String service) {
    Path jar = repo.resolve(service).resolve("target").resolve(service + "-0.1.0-SNAPSHOT-runnable.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./zes build (or mvn package) first");
    }
    return jar;
  }

  /** Starts {@code java <jvmOptions> -jar <jar>} with the environment given added, output appended to {@code log}. */
  public static Process launch(Path jar, List<String> jvmOptions, Map<String, String> env, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + jar.getFileName(), e);
    }
  }

  /** The others join the first member; starting them before it listens would make islands. */
  private static void awaitFirstMember(Process first) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!nl.zes.embedded.FreePorts.listening(FIRST_HAZELCAST_PORT)) {
      if (!first.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the first service process did not open the cluster port " + FIRST_HAZELCAST_PORT);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** SIGTERM in reverse start order (gateways first), each drains; then whatever overstays is killed. */
  void stop() {
    List<Process> reversed = new ArrayList<>(processes);
    Collections.reverse(reversed);
    for (Process process : reversed) {
      process.destroy();
    }
    for (Process process : reversed) {
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
