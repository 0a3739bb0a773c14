package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import nl.zes.common.bus.Topics;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the passage topics with the configured partition count. The received topic holds plates of allowed
 * passages too, so its retention is short (hours): that is where the raw camera data expires.
 */
final class TopicSetup {

  private TopicSetup() {
  }

  static Future<Void> ensure(Vertx vertx, PassageConfig config) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, config.kafka().common());
    int partitions = config.kafka().partitions();
    short replication = config.replicationFactor();
    NewTopic received = new NewTopic(config.kafka().topic(Topics.PASSAGES_RECEIVED), partitions, replication)
        .setConfig(Map.of("retention.ms", String.valueOf(config.receivedRetention().toMillis())));
    NewTopic evaluated = new NewTopic(config.kafka().topic(Topics.PASSAGES_EVALUATED), partitions, replication);
    return Future.all(create(admin, received), create(admin, evaluated)).<Void>mapEmpty()
        .eventually(admin::close);
  }

  private static Future<Void> create(KafkaAdminClient admin, NewTopic topic) {
    return admin.createTopics(List.of(topic)).recover(e -> causedByExists(e) ? Future.succeededFuture()
        : Future.failedFuture(e));
  }

  private static boolean causedByExists(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TopicExistsException) {
        return true;
      }
    }
    return false;
  }
}
