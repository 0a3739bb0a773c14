package nl.zes.exemption.index;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.PartitionInfo;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndTimestamp;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.zes.common.bus.Topics;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.db.Retry;
import nl.zes.common.messages.ExemptionChanged;
import nl.zes.exemption.domain.ExemptionStatus;
import nl.zes.exemption.domain.ExemptionType;
import nl.zes.exemption.domain.Scope;
import nl.zes.exemption.exemptions.DayExemptionRecord;
import nl.zes.exemption.exemptions.ExemptionRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies to this instance's index the exemption and day-exemption changes that any instance committed, read
 * from {@code zes.exemptions.changed.v1}. Every instance reads every partition (manual assignment under a
 * consumer group of its own, nothing committed), starting at the records published since shortly before its
 * index was loaded; changes it made itself, or applied already, come by again and change nothing.
 *
 * <p>An exemption event is a cue, not the state: the follower reads the exemption's current row under a share
 * lock and puts that into the index before the lock is released. A change on this instance takes the row
 * {@code FOR UPDATE} and updates the index after its commit, so the index receives the row's versions in commit
 * order and an old event can never bring back a state that a newer local change replaced. Day exemptions never
 * change: one is added once, by id.
 */
final class ChangeFollower {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);
  /** How far before the index load the follower starts reading: covers clock skew between the instances. */
  static final Duration REPLAY_MARGIN = Duration.ofSeconds(60);
  private static final String CURRENT = """
      SELECT id, plate, type, scope, municipalities, status, valid_from, valid_until, version
      FROM exemption WHERE id = $1 FOR SHARE""";

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaConfig kafka;
  private final String topic;
  private AccessIndex index;
  private KafkaConsumer<String, String> consumer;
  private long startAt;
  private boolean stopped;

  ChangeFollower(Vertx vertx, Pool pool, KafkaConfig kafka) {
    this.vertx = vertx;
    this.pool = pool;
    this.kafka = kafka;
    this.topic = kafka.topic(Topics.EXEMPTIONS_CHANGED);
  }

  /** Call right before the index is loaded from PostgreSQL. */
  void mark() {
    startAt = System.currentTimeMillis() - REPLAY_MARGIN.toMillis();
  }

  /** Starts following; it waits (with back-off) for Kafka and the topic without holding up the service. */
  void follow(AccessIndex target) {
    index = target;
    Map<String, String> settings = kafka.consumer("zes-exemption-index-" + UUID.randomUUID());
    settings.put("auto.offset.reset", "latest");
    settings.put("allow.auto.create.topics", "false");
    settings.put("default.api.timeout.ms", "5000");
    consumer = KafkaConsumer.create(vertx, settings);
    consumer.exceptionHandler(e -> LOG.warn("exemption change follower: {}", e.getMessage()));
    Retry.withBackoff(vertx, "following " + topic, this::assign)
        .onSuccess(partitions -> {
          if (!stopped) {
            consumer.handler(this::received);
            LOG.info("following {} on {} partitions", topic, partitions);
          }
        });
  }

  Future<Void> stop() {
    stopped = true;
    return consumer == null ? Future.succeededFuture() : consumer.close();
  }

  /** Every partition of the topic, each at its first record published at or after {@link #startAt}. */
  private Future<Integer> assign() {
    if (stopped) {
      return Future.succeededFuture(0);
    }
    return consumer.partitionsFor(topic).compose(infos -> {
      if (infos.isEmpty()) {
        return Future.failedFuture(topic + " does not exist yet");
      }
      Set<TopicPartition> partitions = partitions(infos);
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(p -> times.put(p, startAt));
      // the ends first: a partition with no record since startAt starts at its end as it was before that question
      return consumer.endOffsets(partitions).compose(ends -> consumer.offsetsForTimes(times)
          .compose(found -> consumer.assign(partitions).compose(v -> Future.all(partitions.stream()
              .map(p -> consumer.seek(p, start(found.get(p), ends.get(p)))).toList()))))
          .map(partitions.size());
    });
  }

  private Set<TopicPartition> partitions(List<PartitionInfo> infos) {
    return infos.stream().map(info -> new TopicPartition(topic, info.getPartition())).collect(Collectors.toSet());
  }

  private static long start(OffsetAndTimestamp found, Long end) {
    return found == null ? end : found.getOffset();
  }

  /** One change at a time, in partition order; a failure (PostgreSQL away) is retried before the next. */
  private void received(KafkaConsumerRecord<String, String> record) {
    consumer.pause();
    Retry.withBackoff(vertx, "applying an exemption change", () -> apply(record))
        .onComplete(ar -> {
          if (!stopped) {
            consumer.resume();
          }
        });
  }

  private Future<Void> apply(KafkaConsumerRecord<String, String> record) {
    if (stopped) {
      return Future.succeededFuture();
    }
    ExemptionChanged change;
    try {
      change = ExemptionChanged.fromJson(new JsonObject(record.value()));
    } catch (RuntimeException e) {
      // no message text: it could quote the plate
      LOG.warn("ignoring an unreadable change event at {}-{}@{}", record.topic(), record.partition(), record.offset());
      return Future.succeededFuture();
    }
    if (ExemptionChanged.EXEMPTION.equals(change.kind())) {
      // only a failing database is retried; a row that cannot be read is reported and skipped, not retried forever
      return pool.withTransaction(tx -> tx.preparedQuery(CURRENT).execute(Tuple.of(change.id())).map(rows -> {
        rows.forEach(row -> {
          try {
            index.putExemption(exemption(row));
          } catch (RuntimeException e) {
            LOG.error("exemption {} cannot be put into the index: {}", change.id(), e.toString());
          }
        });
        return null;
      }));
    }
    if (ExemptionChanged.DAY_EXEMPTION.equals(change.kind())) {
      try {
        putDayExemption(change);
      } catch (RuntimeException e) {
        LOG.error("day exemption {} cannot be put into the index: {}", change.id(), e.toString());
      }
    }
    return Future.succeededFuture();
  }

  private void putDayExemption(ExemptionChanged change) {
    boolean known = index.dayExemptions(change.plate(), change.municipality()).stream()
        .anyMatch(day -> day.id().equals(change.id()));
    if (!known) {
      index.putDayExemption(new DayExemptionRecord(change.id(), change.plate(), change.municipality(),
          LocalDate.parse(change.date()), OffsetDateTime.parse(change.validFrom()).toInstant(),
          OffsetDateTime.parse(change.validUntil()).toInstant(), OffsetDateTime.parse(change.changedAt()).toInstant()));
    }
  }

  /** What the index reads of an exemption row; the applicant and history stay in the database. */
  private static ExemptionRecord exemption(Row row) {
    String[] municipalities = row.getArrayOfStrings("municipalities");
    return new ExemptionRecord(row.getString("id"), row.getString("plate"), ExemptionType.valueOf(row.getString("type")),
        Scope.valueOf(row.getString("scope")), municipalities == null ? null : List.copyOf(Arrays.asList(municipalities)),
        null, null, null, null, null, ExemptionStatus.valueOf(row.getString("status")),
        row.getLocalDate("valid_from"), row.getLocalDate("valid_until"), null, null, null, null, row.getLong("version"));
  }
}
