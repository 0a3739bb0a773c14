package nl.zes.exemption.outbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.zes.common.bus.Topics;
import nl.zes.common.config.KafkaConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to Kafka in id order and marks what Kafka acknowledged (idempotent producer, acks=all). It
 * runs every {@link #INTERVAL} and when {@linkplain #nudge nudged} after a commit. While Kafka is down the rows
 * wait and a later round sends them; a round that failed half-way sends its rows again (at least once:
 * consumers keep the highest {@code version} per id). One round at a time per database, under an advisory lock,
 * so several instances never interleave.
 */
public final class OutboxPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
  static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final int BATCH = 500;
  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('zes.exemptions.outbox'))";
  private static final String UNPUBLISHED =
      "SELECT id, topic, key, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT " + BATCH;
  private static final String MARK_PUBLISHED = "UPDATE outbox SET published_at = now() WHERE id = ANY($1)";

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaConfig kafka;
  private KafkaProducer<String, String> producer;
  private long timer = -1;
  private boolean running;
  private boolean again;
  private boolean topicReady;
  private Future<Void> lastRound = Future.succeededFuture();

  public OutboxPublisher(Vertx vertx, Pool pool, KafkaConfig kafka) {
    this.vertx = vertx;
    this.pool = pool;
    this.kafka = kafka;
  }

  public void start() {
    producer = KafkaProducer.create(vertx, kafka.producer("zes-exemption-outbox"));
    timer = vertx.setPeriodic(INTERVAL.toMillis(), id -> nudge());
    nudge();
  }

  /** Starts a round now, or right after the running one. Call on the service's event loop. */
  public void nudge() {
    if (producer == null) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    lastRound = ensureTopic().compose(v -> pool.withTransaction(this::round))
        .onComplete(ar -> {
          running = false;
          if (ar.failed()) {
            LOG.warn("outbox not published yet, retrying: {}", ar.cause().getMessage());
          } else if (ar.result() == BATCH || again) {
            nudge();
          }
        })
        .mapEmpty();
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    KafkaProducer<String, String> closing = producer;
    producer = null;
    return lastRound.otherwiseEmpty()
        .compose(v -> closing == null ? Future.succeededFuture() : closing.flush().eventually(closing::close));
  }

  private Future<Integer> round(SqlConnection conn) {
    KafkaProducer<String, String> sending = producer;
    if (sending == null) {
      return Future.succeededFuture(0);
    }
    return conn.query(TRY_LOCK).execute().compose(locked -> {
      if (!locked.iterator().next().getBoolean(0)) {
        return Future.succeededFuture(0);
      }
      return conn.query(UNPUBLISHED).execute().compose(rows -> send(sending, rows)
          .compose(ids -> ids.isEmpty() ? Future.succeededFuture(0)
              : conn.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(ids.toArray(new Long[0]))).map(ids.size())));
    });
  }

  /** Sends in id order (the producer keeps the order per partition) and waits for every acknowledgement. */
  private static Future<List<Long>> send(KafkaProducer<String, String> producer, RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>(rows.size());
    List<Future<?>> acks = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ids.add(row.getLong("id"));
      acks.add(producer.send(KafkaProducerRecord.create(row.getString("topic"), row.getString("key"),
          row.getString("payload"))));
    }
    return Future.all(acks).map(ids);
  }

  /** Creates the topic with the configured partitions once; a broker that auto-creates topics needs no more. */
  private Future<Void> ensureTopic() {
    if (topicReady) {
      return Future.succeededFuture();
    }
    Map<String, String> settings = kafka.common();
    settings.put("default.api.timeout.ms", "5000");
    settings.put("request.timeout.ms", "5000");
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, settings);
    NewTopic topic = new NewTopic(kafka.topic(Topics.EXEMPTIONS_CHANGED), kafka.partitions(), (short) 1);
    return admin.createTopics(List.of(topic))
        .recover(e -> exists(e) ? Future.succeededFuture() : Future.failedFuture(e))
        .onSuccess(v -> topicReady = true)
        .eventually(admin::close);
  }

  private static boolean exists(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TopicExistsException) {
        return true;
      }
    }
    return false;
  }
}
