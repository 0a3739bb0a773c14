package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.HandOverJsonCodec;
import nl.zes.common.bus.Topics;
import nl.zes.common.messages.AccessAnswer;
import nl.zes.common.messages.AccessQuery;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code zes.passages.received.v1} by manual poll, in batches: one access request to the exemption-service
 * per batch, verdicts and per-day rows in one PostgreSQL transaction, every verdict published to
 * {@code zes.passages.evaluated.v1} and acknowledged, and only then the batch's offsets committed.
 *
 * <p>Batches are pipelined: while one is stored, published and committed, the next ones (up to
 * {@code evaluatorPipeline} in all) are polled and their access answers fetched. Stores run one after the other in
 * poll order (the per-day rule sees a plate's passages in arrival order) and so do offset commits, so an offset is
 * never committed before the work of every record below it is done. A failing step (PostgreSQL, Kafka or the
 * exemption-service away) is retried with back-off until it succeeds; the batches behind it wait and polling stops
 * once the pipeline is full, which is the pause; nothing is skipped, and a replay reuses stored verdicts, so
 * nothing is decided twice.
 */
final class PassageEvaluator {

  /** A point between the stored, published batch and its offset commit, where a test can simulate a crash. */
  interface Hook {
    Hook NONE = () -> Future.succeededFuture();

    Future<Void> beforeOffsetCommit();
  }

  /** The readable passages of one poll (first occurrence of each key, in order) and the offsets it covers. */
  private record Batch(List<ValidPassage> passages, Map<TopicPartition, OffsetAndMetadata> offsets, int records) {
  }

  static final String GROUP = "passage-evaluator";
  private static final Logger LOG = LoggerFactory.getLogger(PassageEvaluator.class);
  private static final long CONSUMER_CLOSE_BOUND_MS = 5_000;
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration FIRST_RETRY = Duration.ofMillis(250);
  private static final Duration MAX_RETRY = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final PassageConfig config;
  private final MunicipalityDirectory directory;
  private final VerdictRepository verdicts;
  private final VerdictRules rules;
  private final KafkaBatchSender sender;
  private final PassageMetrics metrics;
  private final Hook hook;
  private final String receivedTopic;
  private final String evaluatedTopic;
  private KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private boolean polling;
  private int inFlight;
  /** The last batch's store and offset commit: the next batch's follow them. */
  private Future<Void> lastStored = Future.succeededFuture();
  private Future<Void> lastCommitted = Future.succeededFuture();
  private long lagTimer = -1;

  PassageEvaluator(Vertx vertx, PassageConfig config, MunicipalityDirectory directory, VerdictRepository verdicts,
      VerdictRules rules, KafkaBatchSender sender, PassageMetrics metrics, Hook hook) {
    this.vertx = vertx;
    this.config = config;
    this.directory = directory;
    this.verdicts = verdicts;
    this.rules = rules;
    this.sender = sender;
    this.metrics = metrics;
    this.hook = hook;
    this.receivedTopic = config.kafka().topic(Topics.PASSAGES_RECEIVED);
    this.evaluatedTopic = config.kafka().topic(Topics.PASSAGES_EVALUATED);
  }

  Future<Void> start() {
    Map<String, String> settings = config.kafka().consumer(GROUP);
    settings.put("max.poll.records", String.valueOf(config.evaluatorBatch()));
    settings.put("value.deserializer", ByteArrayDeserializer.class.getName());
    consumer = KafkaConsumer.create(vertx, settings);
    running = true;
    return consumer.subscribe(receivedTopic).onSuccess(v -> {
      lagTimer = vertx.setPeriodic(5_000, id -> measureLag());
      vertx.runOnContext(x -> poll());
    });
  }

  /** Stops polling, waits (bounded) for the batches in progress, and closes the consumer without committing more. */
  Future<Void> stop() {
    running = false;
    if (lagTimer >= 0) {
      vertx.cancelTimer(lagTimer);
    }
    Promise<Void> drained = Promise.promise();
    lastCommitted.onComplete(ar -> drained.tryComplete());
    long timer = vertx.setTimer(config.drainTimeout().toMillis(), id -> drained.tryComplete());
    return drained.future().eventually(() -> {
      vertx.cancelTimer(timer);
      return consumer == null ? Future.succeededFuture() : closeBounded();
    });
  }

  /**
   * Closes the consumer, waiting at most {@link #CONSUMER_CLOSE_BOUND_MS}: Kafka's close waits up to 30 s to leave a
   * group whose coordinator is away (e.g. right after a broker restart), and a stop must stay bounded. What was not
   * committed is replayed by the next owner either way.
   */
  private Future<Void> closeBounded() {
    Promise<Void> closed = Promise.promise();
    consumer.close().onComplete(ar -> closed.tryComplete());
    long bound = vertx.setTimer(CONSUMER_CLOSE_BOUND_MS, id -> {
      LOG.warn("the Kafka consumer did not close within {} ms; stopping without waiting for it", CONSUMER_CLOSE_BOUND_MS);
      closed.tryComplete();
    });
    return closed.future().onComplete(ar -> vertx.cancelTimer(bound));
  }

  /** Polls once more unless a poll is out, the pipeline is full, or the evaluator stops. */
  private void poll() {
    if (!running || polling || inFlight >= config.evaluatorPipeline()) {
      return;
    }
    polling = true;
    consumer.poll(POLL).onComplete(ar -> {
      polling = false;
      if (ar.failed()) {
        if (running) {
          LOG.warn("polling the received topic failed; retrying: {}", ar.cause().toString());
          vertx.setTimer(FIRST_RETRY.toMillis(), id -> poll());
        }
        return;
      }
      if (!ar.result().isEmpty()) {
        evaluate(batch(ar.result()));
      }
      poll();
    });
  }

  /**
   * Access answers now; the store after the previous batch's store, then publishing; the offset commit after the
   * previous batch's commit. Each step retries until it succeeds or the evaluator stops.
   */
  private void evaluate(Batch batch) {
    inFlight++;
    int size = batch.records();
    Future<List<AccessAnswer>> answers = retrying("asking the exemption-service about", size,
        () -> access(batch.passages()));
    Future<VerdictRepository.Stored> stored = Future.all(lastStored, answers)
        .compose(v -> retrying("storing", size, () -> verdicts.store(candidates(batch.passages(), answers.result()))));
    Future<Void> published = stored.compose(done -> {
      done.fresh().forEach(v -> metrics.evaluated(v.verdict()));
      return retrying("publishing", size, () -> publish(done.verdicts()));
    });
    Future<Void> committed = Future.all(lastCommitted, published)
        .compose(v -> hook.beforeOffsetCommit())
        .compose(v -> retrying("committing the offsets of", size, () -> commit(batch.offsets())));
    lastStored = stored.mapEmpty();
    lastCommitted = committed;
    committed.onComplete(ar -> {
      inFlight--;
      poll();
    });
  }

  private Batch batch(KafkaConsumerRecords<String, byte[]> records) {
    Map<VerdictRepository.Key, ValidPassage> passages = new LinkedHashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, byte[]> record = records.recordAt(i);
      offsets.merge(new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1, null),
          (a, b) -> a.getOffset() >= b.getOffset() ? a : b);
      try {
        ValidPassage p = TopicJson.readReceived(record.value());
        passages.putIfAbsent(new VerdictRepository.Key(p.municipality(), p.id()), p);
      } catch (IOException | RuntimeException e) {
        // Only this service writes the topic; a record it cannot read is logged by position, never by content.
        LOG.error("skipping an unreadable received record at {}-{}@{}", record.topic(), record.partition(),
            record.offset());
      }
    }
    return new Batch(new ArrayList<>(passages.values()), offsets, records.size());
  }

  private Future<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    return consumer.commit(offsets).<Void>mapEmpty().recover(failure -> {
      if (causedBy(failure, CommitFailedException.class)) {
        // The group moved these partitions elsewhere: the new owner replays from the last commit, idempotently.
        LOG.info("offsets of a finished batch could not be committed after a rebalance; it will be replayed");
        return Future.succeededFuture();
      }
      return Future.failedFuture(failure);
    });
  }

  private <T> Future<T> retrying(String step, int size, Supplier<Future<T>> attempt) {
    return retrying(step, size, attempt, FIRST_RETRY);
  }

  private <T> Future<T> retrying(String step, int size, Supplier<Future<T>> attempt, Duration delay) {
    Future<T> tried;
    try {
      tried = running ? attempt.get() : Future.failedFuture("the evaluator stopped");
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    return tried.recover(failure -> {
      if (!running) {
        return Future.failedFuture(failure);
      }
      LOG.warn("{} a batch of {} passages failed; retrying in {} ms: {}", step, size, delay.toMillis(),
          failure.toString());
      Promise<T> retried = Promise.promise();
      Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
      vertx.setTimer(delay.toMillis(), id -> retrying(step, size, attempt, next).onComplete(retried));
      return retried.future();
    });
  }

  private Future<List<AccessAnswer>> access(List<ValidPassage> pending) {
    if (pending.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<AccessQuery> queries = pending.stream()
        .map(p -> new AccessQuery(p.plate(), p.country(), p.municipality(), p.zone(), p.timestamp())).toList();
    // Handed over without a copy: nothing here touches the request after sending it.
    return vertx.eventBus().<JsonObject>request(Addresses.EXEMPTIONS_ACCESS_BATCH, AccessQuery.batch(queries),
            HandOverJsonCodec.handOver(new DeliveryOptions().setSendTimeout(config.accessTimeout().toMillis())))
        .map(reply -> {
          JsonArray items = reply.body().getJsonArray("items");
          if (items == null || items.size() != pending.size()) {
            throw new IllegalStateException("the exemption-service answered " + (items == null ? "no" : items.size())
                + " items for " + pending.size() + " questions");
          }
          List<AccessAnswer> answers = new ArrayList<>(items.size());
          for (int i = 0; i < items.size(); i++) {
            answers.add(AccessAnswer.fromJson(items.getJsonObject(i)));
          }
          return answers;
        });
  }

  private List<Verdict> candidates(List<ValidPassage> pending, List<AccessAnswer> answers) {
    List<Verdict> candidates = new ArrayList<>(pending.size());
    Map<String, LocalDate> finesDates = new HashMap<>();
    for (int i = 0; i < pending.size(); i++) {
      ValidPassage p = pending.get(i);
      AccessAnswer a = answers.get(i);
      LocalDate day = Verdict.dayOf(p.timestamp());
      LocalDate finesFrom = a.enforcementStart() != null
          ? finesDates.computeIfAbsent(a.enforcementStart(), LocalDate::parse)
          : directory.enforcementStart(p.municipality()).orElse(null);
      String verdict = rules.verdict(a, day, finesFrom);
      boolean violation = Verdict.WARNING.equals(verdict) || Verdict.FINE.equals(verdict);
      candidates.add(new Verdict(p.municipality(), p.id(), p.zone(), p.camera(), p.timestamp(), day, verdict,
          a.basis(), a.rule(), a.vehicleKind(), p.country(), null, violation ? p.plate() : null));
    }
    return candidates;
  }

  private Future<Void> publish(List<Verdict> decided) {
    List<ProducerRecord<String, String>> events = new ArrayList<>(decided.size());
    for (Verdict v : decided) {
      events.add(new ProducerRecord<>(evaluatedTopic, v.id(), TopicJson.evaluated(v)));
    }
    return sender.send(events);
  }

  private void measureLag() {
    consumer.assignment()
        .compose(partitions -> partitions.isEmpty() ? Future.succeededFuture(0L)
            : consumer.endOffsets(partitions).compose(ends -> {
              List<Future<Long>> lags = new ArrayList<>();
              ends.forEach((tp, end) -> lags.add(consumer.committed(tp)
                  .map(done -> Math.max(0, end - (done == null ? 0 : done.getOffset())))));
              return Future.all(lags).map(all -> lags.stream().mapToLong(Future::result).sum());
            }))
        .onSuccess(metrics::lag);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
