package nl.zes.devstack.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.zes.devstack.ServiceProcesses;
import nl.zes.embedded.FreePorts;

/**
 * The services as separate JVM processes (their runnable jars) on a loopback Hazelcast cluster, against the
 * test kit's PostgreSQL and Kafka: what a production deployment runs, small enough for a 2-core machine.
 */
final class ClusterUnderTest implements AutoCloseable {

  /** One process of a service: its Hazelcast port, its HTTP port (gateways) or metrics port (services), its log. */
  record Member(String service, int instance, int clusterPort, int httpPort, int metricsPort, Path log) {
    String name() {
      return service + "-" + instance;
    }
  }

  private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Xss512k");

  private final Path repo;
  private final Path logDir;
  private final Map<String, String> baseEnv;
  private final List<Member> members = new ArrayList<>();
  private final Map<Member, Process> processes = new HashMap<>();

  /** @param layout service name → number of instances, in start order; the first member starts alone */
  ClusterUnderTest(Path repo, Path logDir, Map<String, String> baseEnv, Map<String, Integer> layout) {
    this.repo = repo;
    this.logDir = logDir;
    this.baseEnv = baseEnv;
    layout.forEach((service, count) -> {
      ServiceProcesses.runnableJar(repo, service);
      for (int i = 0; i < count; i++) {
        boolean gateway = service.equals("gateway");
        int http = gateway ? FreePorts.next() : 0;
        int metrics = gateway ? 0 : FreePorts.next();
        members.add(new Member(service, i, FreePorts.next(), http, metrics, logDir.resolve(service + "-" + i + ".log")));
      }
    });
  }

  /** The repository root, found from the module directory the tests run in. */
  static Path repository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !(Files.exists(dir.resolve("gateway")) && Files.exists(dir.resolve("infra")))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  void start() throws InterruptedException {
    try {
      Files.createDirectories(logDir);
      for (Member member : members) {
        Files.deleteIfExists(member.log());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Member first = members.get(0);
    launch(first);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!FreePorts.listening(first.clusterPort())) {
      if (!processes.get(first).isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(first.name() + " did not open its cluster port; see " + first.log());
      }
      Thread.sleep(100);
    }
    members.stream().skip(1).forEach(this::launch);
  }

  private void launch(Member member) {
    Map<String, String> env = new HashMap<>(baseEnv);
    env.put("ZES_CLUSTER_MEMBERS", members.stream().map(m -> "127.0.0.1:" + m.clusterPort())
        .collect(Collectors.joining(",")));
    env.put("ZES_CLUSTER_HOST", "127.0.0.1");
    env.put("ZES_CLUSTER_PORT", String.valueOf(member.clusterPort()));
    env.put("ZES_HTTP_HOST", "127.0.0.1");
    env.put("ZES_HTTP_PORT", String.valueOf(member.httpPort()));
    if (member.metricsPort() > 0) {
      env.put("ZES_METRICS_PORT", String.valueOf(member.metricsPort()));
    }
    processes.put(member, ServiceProcesses.launch(ServiceProcesses.runnableJar(repo, member.service()), JVM, env,
        member.log()));
  }

  List<Member> members(String service) {
    return members.stream().filter(m -> m.service().equals(service)).toList();
  }

  boolean alive(Member member) {
    return processes.get(member).isAlive();
  }

  /** kill -9: no shutdown hook, no drain, nothing flushed. */
  void kill(Member member) throws InterruptedException {
    Process process = processes.get(member);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** The members that died without being killed (a crash is a finding, not noise). */
  List<String> crashed(List<Member> killed) {
    return members.stream().filter(m -> !killed.contains(m) && !alive(m)).map(Member::name).toList();
  }

  @Override
  public void close() {
    processes.values().forEach(Process::destroyForcibly);
    for (Process process : processes.values()) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
