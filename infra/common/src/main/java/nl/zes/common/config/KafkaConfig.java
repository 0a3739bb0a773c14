package nl.zes.common.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Where Kafka is and how topics are named. {@code topicPrefix} is empty in production; tests give each class
 * its own prefix so that they never see each other's records.
 */
public record KafkaConfig(String bootstrapServers, String topicPrefix, int partitions) {

  public static KafkaConfig fromEnv(Env env) {
    return new KafkaConfig(
        env.string("ZES_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        env.string("ZES_TOPIC_PREFIX", ""),
        env.integer("ZES_KAFKA_PARTITIONS", 4, 1, 1024));
  }

  public String topic(String name) {
    return topicPrefix + name;
  }

  /** Consumer group ids are prefixed like topics, for the same isolation. */
  public String group(String name) {
    return topicPrefix + name;
  }

  /** Settings every client shares: the servers and short timeouts so that an outage is noticed quickly. */
  public Map<String, String> common() {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("reconnect.backoff.max.ms", "2000");
    config.put("client.dns.lookup", "use_all_dns_ips");
    return config;
  }

  /** An idempotent producer that reports success only when every in-sync replica has the record. */
  public Map<String, String> producer(String clientId) {
    Map<String, String> config = common();
    config.put("client.id", clientId);
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("max.in.flight.requests.per.connection", "5");
    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("linger.ms", "5");
    config.put("batch.size", "262144");
    config.put("compression.type", "lz4");
    config.put("delivery.timeout.ms", "10000");
    config.put("request.timeout.ms", "5000");
    config.put("max.block.ms", "5000");
    return config;
  }

  /** A consumer that commits only what the service says it has finished. */
  public Map<String, String> consumer(String group) {
    Map<String, String> config = common();
    config.put("group.id", group(group));
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("max.poll.records", "2000");
    config.put("isolation.level", "read_committed");
    return config;
  }
}
