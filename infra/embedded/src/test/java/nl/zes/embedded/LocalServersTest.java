package nl.zes.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServersTest {

  @TempDir
  Path tmp;

  @Test
  void postgresKeepsItsDataAcrossARestart() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("pg")).resolve("data");
    try (LocalPostgres postgres = LocalPostgres.start(data, FreePorts.next(), false)) {
      postgres.createDatabase("kept");
      postgres.psql("kept", "CREATE TABLE t (v int); INSERT INTO t VALUES (42)");
      postgres.stop();
      assertThat(postgres.isRunning()).isFalse();
      postgres.restart();
      assertThat(postgres.psql("kept", "SELECT v FROM t").trim()).isEqualTo("42");
    }
  }

  @Test
  void kafkaDeliversARecordAndSurvivesARestart() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(tmp.resolve("kafka"), FreePorts.next(), FreePorts.next(), 1)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("t1", 1, (short) 1))).all().get();
      }
      send(kafka, "before");
      kafka.stop();
      assertThat(FreePorts.listening(kafka.port())).isFalse();
      kafka.restart();
      send(kafka, "after");
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(), "group.id", "g", "auto.offset.reset", "earliest"),
          new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(Set.of("t1"));
        List<String> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
          ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
          records.forEach(r -> seen.add(r.value()));
        }
        assertThat(seen).containsExactly("before", "after");
      }
    }
  }

  private static void send(LocalKafka kafka, String value) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("t1", "k", value)).get();
    }
  }
}
