package nl.zes.reporting.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import nl.zes.common.config.KafkaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that cannot be understood go to a dead-letter topic, unchanged, with the reason and their origin as
 * headers, and are counted ({@code zes.reporting.dead.letters}, tagged with the source topic) — never dropped and
 * never blocking their partition. Sent before the batch's transaction commits: a retry may send one twice.
 */
public final class DeadLetters {

  public static final String METER = "zes.reporting.dead.letters";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final KafkaProducer<String, String> producer;
  private final String deadLetterTopic;
  private final Counter counter;

  public DeadLetters(Vertx vertx, KafkaConfig kafka, String sourceTopicName, String deadLetterTopicName) {
    this.producer = KafkaProducer.create(vertx, kafka.producer("zes-reporting-dead-letters"));
    this.deadLetterTopic = kafka.topic(deadLetterTopicName);
    this.counter = Counter.builder(METER).description("Records reporting could not parse, sent to a dead-letter topic")
        .tag("topic", sourceTopicName).register(Metrics.globalRegistry);
  }

  public record Rejected(KafkaConsumerRecord<String, String> record, String reason) {
  }

  public Future<Void> send(List<Rejected> rejected) {
    if (rejected.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<?>> sent = new ArrayList<>();
    for (Rejected r : rejected) {
      KafkaProducerRecord<String, String> out = KafkaProducerRecord.create(deadLetterTopic, r.record().key(),
          r.record().value());
      out.addHeader("zes-error", r.reason());
      out.addHeader("zes-source", r.record().topic() + "/" + r.record().partition() + "/" + r.record().offset());
      sent.add(producer.send(out));
      LOG.warn("dead letter from {}/{}/{}: {}", r.record().topic(), r.record().partition(), r.record().offset(),
          r.reason());
    }
    return Future.all(sent).onSuccess(v -> counter.increment(rejected.size())).mapEmpty();
  }

  public Future<Void> close() {
    return producer.close();
  }
}
