package nl.zes.common.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.zes.common.config.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Asks the Kafka cluster to describe itself, with a short bound, on a worker thread. */
public final class KafkaProbe implements AutoCloseable {

  public static final String ID = "kafka";
  private static final int TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final Admin admin;

  public KafkaProbe(Vertx vertx, KafkaConfig config) {
    this.vertx = vertx;
    Map<String, Object> settings = new java.util.HashMap<>(config.common());
    settings.put("client.id", "zes-health");
    settings.put("request.timeout.ms", TIMEOUT_MS);
    settings.put("default.api.timeout.ms", TIMEOUT_MS);
    this.admin = Admin.create(settings);
  }

  public Future<Check> check() {
    return vertx.executeBlocking(() -> {
      try {
        int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
            .nodes().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
        return nodes > 0 ? Check.up(ID) : Check.down(ID, "no brokers");
      } catch (Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return Check.down(ID, cause.getClass().getSimpleName() + ": " + cause.getMessage());
      }
    }, false);
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
