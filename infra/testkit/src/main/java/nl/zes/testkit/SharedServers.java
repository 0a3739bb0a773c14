package nl.zes.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nl.zes.embedded.FreePorts;
import nl.zes.embedded.LocalKafka;
import nl.zes.embedded.LocalPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The PostgreSQL server and Kafka broker of one test JVM, started together and stopped at its end. */
final class SharedServers implements ExtensionContext.Store.CloseableResource {

  private final Path root;
  private final LocalPostgres postgres;
  private final LocalKafka kafka;
  private final AtomicInteger classes = new AtomicInteger();

  private SharedServers(Path root, LocalPostgres postgres, LocalKafka kafka) {
    this.root = root;
    this.postgres = postgres;
    this.kafka = kafka;
  }

  static SharedServers start() {
    Path root = Path.of("target", "zes-testkit", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CompletableFuture<LocalKafka> kafka = CompletableFuture.supplyAsync(
        () -> LocalKafka.start(root.resolve("kafka"), FreePorts.next(), FreePorts.next(), 2));
    LocalPostgres postgres = LocalPostgres.start(root.resolve("pg"), FreePorts.next(), false);
    return new SharedServers(root, postgres, kafka.join());
  }

  LocalPostgres postgres() {
    return postgres;
  }

  LocalKafka kafka() {
    return kafka;
  }

  int nextClassNumber() {
    return classes.incrementAndGet();
  }

  @Override
  public void close() {
    kafka.close();
    postgres.close();
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // target/ is cleaned by the build anyway
    }
  }
}
