package nl.zes.reporting.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import nl.zes.common.config.KafkaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer whose position lives in PostgreSQL, in the same transaction as the work done with the records,
 * so that a crash or a redelivery never applies a record twice (exactly-once effect).
 *
 * <p>Each poll's batch (up to 10,000 records) is applied in one transaction that locks the batch's partitions'
 * rows in {@code consumer_offset}, drops records below the stored offsets (redeliveries), applies the rest and stores the
 * next offsets. Only then is the offset also committed to Kafka, for lag monitoring; Kafka's committed offset is
 * never trusted: on (re)assignment the consumer seeks to the stored offsets. Batches are applied one at a time;
 * the stream is paused meanwhile. A batch that fails (PostgreSQL down) is re-read from its first offsets after a
 * back-off, so nothing is skipped.
 */
public final class StoredOffsetConsumer {

  /** Applies fresh records inside the transaction of {@code connection}. */
  public interface BatchWork {
    Future<Void> apply(SqlConnection connection, List<KafkaConsumerRecord<String, String>> records);
  }

  private static final Logger LOG = LoggerFactory.getLogger(StoredOffsetConsumer.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  /** Creates missing rows and locks the batch's partitions' rows in one statement, answering where they stand. */
  static final String LOCK_OFFSETS = "INSERT INTO consumer_offset (topic, part, next_offset) "
      + "SELECT $1, p, 0 FROM unnest($2::int[]) AS p ORDER BY p "
      + "ON CONFLICT (topic, part) DO UPDATE SET next_offset = consumer_offset.next_offset RETURNING part, next_offset";
  static final String READ_OFFSETS = "SELECT part, next_offset FROM consumer_offset WHERE topic = $1 AND part = ANY($2::int[])";
  static final String STORE_OFFSETS = "UPDATE consumer_offset AS o SET next_offset = n.next_offset "
      + "FROM unnest($2::int[], $3::bigint[]) AS n(part, next_offset) WHERE o.topic = $1 AND o.part = n.part";

  private final Vertx vertx;
  private final Pool pool;
  private final String topic;
  private final String name;
  private final BatchWork work;
  private final KafkaConsumer<String, String> consumer;
  private Future<Void> tail = Future.succeededFuture();
  private int queued;
  private Duration backoff = FIRST_BACKOFF;
  private boolean stopped;

  public StoredOffsetConsumer(Vertx vertx, Pool pool, KafkaConfig kafka, String group, String topic, BatchWork work) {
    this.vertx = vertx;
    this.pool = pool;
    this.topic = topic;
    this.name = group;
    this.work = work;
    Map<String, String> settings = kafka.consumer(group);
    // Bigger batches, fewer transactions: a batch costs a few round trips whatever its size.
    settings.put("max.poll.records", "10000");
    settings.put("max.partition.fetch.bytes", String.valueOf(8 << 20));
    this.consumer = KafkaConsumer.create(vertx, settings);
  }

  public Future<Void> start() {
    consumer.partitionsAssignedHandler(partitions -> enqueue(() -> seekToStored(partitions)));
    consumer.batchHandler(records -> enqueue(() -> process(records)));
    consumer.exceptionHandler(e -> LOG.warn("{}: consumer error: {}", name, e.getMessage()));
    return consumer.subscribe(topic);
  }

  /** Lets the batch in progress finish, then leaves the group. */
  public Future<Void> stop() {
    stopped = true;
    return tail.transform(ignored -> consumer.close());
  }

  /** Runs one step at a time, with the stream paused until no step is waiting. */
  private void enqueue(Supplier<Future<Void>> step) {
    queued++;
    consumer.pause();
    tail = tail.transform(ignored -> stopped ? Future.<Void>succeededFuture() : step.get())
        .onComplete(ignored -> {
          if (--queued == 0 && !stopped) {
            consumer.resume();
          }
        });
  }

  private Future<Void> seekToStored(Set<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(READ_OFFSETS).execute(Tuple.of(topic, (Object) partitionNumbers(partitions)))
        .compose(rows -> {
          List<Future<Void>> seeks = new ArrayList<>();
          for (Row row : rows) {
            seeks.add(consumer.seek(new TopicPartition(topic, row.getInteger("part")), row.getLong("next_offset")));
          }
          return Future.all(seeks).<Void>mapEmpty();
        })
        .recover(e -> {
          // Correctness does not depend on the seek: process() drops records below the stored offsets.
          LOG.warn("{}: could not seek to the stored offsets: {}", name, e.getMessage());
          return Future.succeededFuture();
        });
  }

  private Future<Void> process(KafkaConsumerRecords<String, String> batch) {
    List<KafkaConsumerRecord<String, String>> records = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      records.add(batch.recordAt(i));
    }
    Map<Integer, Long> firstOffsets = new HashMap<>();
    Map<Integer, Long> nextOffsets = new HashMap<>();
    for (KafkaConsumerRecord<String, String> record : records) {
      firstOffsets.merge(record.partition(), record.offset(), Math::min);
      nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
    }
    Integer[] parts = nextOffsets.keySet().stream().sorted().toArray(Integer[]::new);
    return pool.<Void>withTransaction(conn -> conn.preparedQuery(LOCK_OFFSETS).execute(Tuple.of(topic, (Object) parts))
            .compose(rows -> {
              Map<Integer, Long> stored = new HashMap<>();
              rows.forEach(row -> stored.put(row.getInteger("part"), row.getLong("next_offset")));
              List<KafkaConsumerRecord<String, String>> fresh = records.stream()
                  .filter(r -> r.offset() >= stored.getOrDefault(r.partition(), 0L)).toList();
              if (fresh.isEmpty()) {
                return Future.<Void>succeededFuture();
              }
              Long[] next = Arrays.stream(parts).map(p -> Math.max(nextOffsets.get(p), stored.getOrDefault(p, 0L)))
                  .toArray(Long[]::new);
              return work.apply(conn, fresh)
                  .compose(v -> conn.preparedQuery(STORE_OFFSETS).execute(Tuple.of(topic, parts, next)))
                  .<Void>mapEmpty();
            }))
        .onSuccess(v -> {
          backoff = FIRST_BACKOFF;
          commitToKafka(nextOffsets);
        })
        .recover(e -> retryLater(firstOffsets, e));
  }

  /** Kafka's copy of the position only serves lag monitoring; losing it costs a redelivery, never a double count. */
  private void commitToKafka(Map<Integer, Long> nextOffsets) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    nextOffsets.forEach((part, next) -> offsets.put(new TopicPartition(topic, part), new OffsetAndMetadata(next, null)));
    consumer.commit(offsets).onFailure(e -> LOG.debug("{}: Kafka commit failed: {}", name, e.getMessage()));
  }

  private Future<Void> retryLater(Map<Integer, Long> firstOffsets, Throwable failure) {
    LOG.warn("{}: batch not applied, re-reading it in {} ms: {}", name, backoff.toMillis(), failure.getMessage());
    List<Future<Void>> seeks = new ArrayList<>();
    firstOffsets.forEach((part, offset) -> seeks.add(consumer.seek(new TopicPartition(topic, part), offset)));
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(backoff.toMillis(), id -> waited.complete());
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    return Future.all(seeks).<Void>transform(ignored -> waited.future());
  }

  private static Integer[] partitionNumbers(Set<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::getPartition).sorted().toArray(Integer[]::new);
  }
}
