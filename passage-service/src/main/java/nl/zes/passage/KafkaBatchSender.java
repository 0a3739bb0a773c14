package nl.zes.passage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a batch of records and completes once Kafka acknowledged every one of them (acks=all, idempotent), or
 * fails with the first error. The whole batch is handed to the client in one blocking task: a per-record task
 * would cost a thread hop each and, with Kafka down, block {@code max.block.ms} once per record.
 */
final class KafkaBatchSender {

  private final Vertx vertx;
  private final KafkaProducer<String, String> producer;

  KafkaBatchSender(Vertx vertx, KafkaProducer<String, String> producer) {
    this.vertx = vertx;
    this.producer = producer;
  }

  Future<Void> send(List<ProducerRecord<String, String>> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    Context context = vertx.getOrCreateContext();
    Promise<Void> acked = Promise.promise();
    AtomicInteger outstanding = new AtomicInteger(records.size());
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    Runnable settle = () -> {
      Throwable error = firstError.get();
      context.runOnContext(v -> {
        if (error == null) {
          acked.complete();
        } else {
          acked.fail(error);
        }
      });
    };
    vertx.executeBlocking(() -> {
      Producer<String, String> client = producer.unwrap();
      for (int i = 0; i < records.size(); i++) {
        try {
          client.send(records.get(i), (metadata, error) -> {
            if (error != null) {
              firstError.compareAndSet(null, error);
            }
            if (outstanding.decrementAndGet() == 0) {
              settle.run();
            }
          });
        } catch (RuntimeException error) {
          firstError.compareAndSet(null, error);
          if (outstanding.addAndGet(-(records.size() - i)) == 0) {
            settle.run();
          }
          break;
        }
      }
      return null;
    }, false).onFailure(acked::tryFail);
    return acked.future();
  }
}
