package nl.zes.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the machine's own binaries, on loopback only, with its data in a directory
 * of ours. When this JVM runs as root the server runs as the {@code postgres} user, since PostgreSQL
 * refuses root. The superuser is {@code zes}, trusted on loopback: this is for tests and the embedded
 * default, never for production. The server stops (fast shutdown) when its standard input closes, which
 * also happens when this JVM dies, so no server outlives its owner.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String USER = "zes";
  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
  private static final String OS_USER = "postgres";

  private final Path binDir;
  private final Path dataDir;
  private final int port;
  private final boolean durable;
  private Process process;

  private LocalPostgres(Path binDir, Path dataDir, int port, boolean durable) {
    this.binDir = binDir;
    this.dataDir = dataDir;
    this.port = port;
    this.durable = durable;
  }

  /**
   * Initialises {@code dataDir} if it is new, and starts the server.
   *
   * @param durable false for tests: fsync off, which is much faster and loses data only on a machine crash
   */
  public static LocalPostgres start(Path dataDir, int port, boolean durable) {
    LocalPostgres postgres = new LocalPostgres(findBinDir(), dataDir.toAbsolutePath(), port, durable);
    postgres.initIfNew();
    postgres.startServer();
    return postgres;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Runs SQL as the superuser against a database (plain psql, one command). */
  public String psql(String database, String sql) {
    return ChildProcesses.run(List.of(binDir.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At",
        "-h", host(), "-p", String.valueOf(port), "-U", USER, "-d", database, "-c", sql), Duration.ofSeconds(60));
  }

  public void createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("database name: " + name);
    }
    psql("postgres", "CREATE DATABASE " + name);
  }

  public boolean databaseExists(String name) {
    return !psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + name.replace("'", "''") + "'").isBlank();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the server again after {@link #stop()} (fault tests). */
  public synchronized void restart() {
    if (!isRunning()) {
      startServer();
    }
  }

  /** Fast shutdown: open sessions are ended, committed data stays. */
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    ChildProcesses.stop(process, Duration.ofSeconds(30));
    LOG.info("PostgreSQL on port {} stopped", port);
  }

  @Override
  public void close() {
    stop();
  }

  private void initIfNew() {
    try {
      if (Files.exists(dataDir.resolve("PG_VERSION"))) {
        return;
      }
      Files.createDirectories(dataDir);
      ChildProcesses.chownRecursively(OS_USER, dataDir);
      ChildProcesses.letOthersTraverse(dataDir.getParent());
      List<String> initdb = new ArrayList<>(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(),
          "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C"));
      if (!durable) {
        initdb.add("--no-sync");
      }
      ChildProcesses.run(ChildProcesses.asUser(OS_USER, initdb), Duration.ofMinutes(2));
      LOG.info("PostgreSQL data directory initialised in {}", dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir, e);
    }
  }

  private void startServer() {
    refuseIfInUse();
    List<String> command = new ArrayList<>(List.of(binDir.resolve("postgres").toString(), "-D", dataDir.toString(),
        "-p", String.valueOf(port),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "max_connections=300",
        "-c", "shared_buffers=128MB",
        "-c", "logging_collector=off"));
    if (!durable) {
      command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
    }
    try {
      File log = dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile();
      process = new ProcessBuilder(ChildProcesses.stoppedByClosingStdin(ChildProcesses.asUser(OS_USER, command)))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start postgres", e);
    }
    awaitReady();
    LOG.info("PostgreSQL listening on 127.0.0.1:{}", port);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("postgres exited with " + process.exitValue() + "; see "
            + dataDir.resolveSibling(dataDir.getFileName() + ".log"));
      }
      try {
        ChildProcesses.run(List.of(binDir.resolve("pg_isready").toString(), "-q", "-h", host(), "-p",
            String.valueOf(port), "-U", USER, "-d", "postgres"), Duration.ofSeconds(5));
        return;
      } catch (IllegalStateException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException("postgres did not become ready on port " + port);
  }

  /**
   * A server still holding this data directory belongs to another live owner (ours stop when their owner dies,
   * see {@link ChildProcesses#stoppedByClosingStdin}): refuse rather than share or kill it.
   */
  private void refuseIfInUse() {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      boolean running = ProcessHandle.of(pid)
          .flatMap(h -> h.info().command())
          .map(c -> c.endsWith("postgres"))
          .orElse(false);
      if (running) {
        throw new IllegalStateException("another PostgreSQL (pid " + pid + ") is using " + dataDir
            + ": is ZES already running on this data directory? Stop it first");
      }
    } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
      LOG.warn("could not read {}: {}", pidFile, e.toString());
    }
  }

  static Path findBinDir() {
    String configured = System.getenv("ZES_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Optional<Path> newest = versions
            .filter(p -> p.getFileName().toString().matches("\\d+"))
            .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
            .map(p -> p.resolve("bin"))
            .filter(p -> Files.isExecutable(p.resolve("postgres")));
        if (newest.isPresent()) {
          return newest.get();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "postgres"))) {
        return Path.of(dir);
      }
    }
    throw new IllegalStateException("PostgreSQL server binaries not found: install them "
        + "(Debian: apt-get install -y postgresql) or set ZES_PG_BIN to the directory holding initdb and postgres");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
