package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.Topics;
import nl.zes.common.messages.AccessAnswer;
import nl.zes.common.messages.AccessQuery;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code zes.passages.received.v1} by manual poll, one batch at a time: one access request to the
 * exemption-service, verdicts and per-day rows in one PostgreSQL transaction, every verdict published to
 * {@code zes.passages.evaluated.v1} and acknowledged, and only then the offsets committed. A failing step (PostgreSQL,
 * Kafka or the exemption-service away) stops polling and retries the same batch with back-off until it succeeds,
 * so nothing is skipped; a replay reuses stored verdicts, so nothing is decided twice.
 */
final class PassageEvaluator {

  /** A point between the stored, published batch and its offset commit, where a test can simulate a crash. */
  interface Hook {
    Hook NONE = () -> Future.succeededFuture();

    Future<Void> beforeOffsetCommit();
  }

  static final String GROUP = "passage-evaluator";
  private static final Logger LOG = LoggerFactory.getLogger(PassageEvaluator.class);
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
  private KafkaConsumer<String, String> consumer;
  private volatile boolean running;
  private Future<Void> current = Future.succeededFuture();
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
    consumer = KafkaConsumer.create(vertx, config.kafka().consumer(GROUP));
    running = true;
    return consumer.subscribe(receivedTopic).onSuccess(v -> {
      lagTimer = vertx.setPeriodic(5_000, id -> measureLag());
      vertx.runOnContext(x -> loop());
    });
  }

  /** Stops polling, waits (bounded) for the batch in progress, and closes the consumer without committing more. */
  Future<Void> stop() {
    running = false;
    if (lagTimer >= 0) {
      vertx.cancelTimer(lagTimer);
    }
    Promise<Void> drained = Promise.promise();
    current.onComplete(ar -> drained.tryComplete());
    long timer = vertx.setTimer(config.drainTimeout().toMillis(), id -> drained.tryComplete());
    return drained.future().eventually(() -> {
      vertx.cancelTimer(timer);
      return consumer == null ? Future.succeededFuture() : consumer.close();
    });
  }

  private void loop() {
    if (!running) {
      return;
    }
    current = consumer.poll(POLL)
        .compose(records -> records.isEmpty() ? Future.succeededFuture() : untilDone(records, FIRST_RETRY));
    current.onComplete(ar -> {
      if (ar.failed() && running) {
        LOG.warn("polling the received topic failed; retrying: {}", ar.cause().toString());
        vertx.setTimer(FIRST_RETRY.toMillis(), id -> loop());
      } else {
        vertx.runOnContext(v -> loop());
      }
    });
  }

  /** Not polling while a batch is retried is the pause: Kafka keeps the rest until this batch is done. */
  private Future<Void> untilDone(KafkaConsumerRecords<String, String> records, Duration delay) {
    return evaluate(records).recover(failure -> {
      if (!running) {
        return Future.failedFuture(failure);
      }
      if (causedBy(failure, CommitFailedException.class)) {
        // The group moved these partitions elsewhere: the new owner replays from the last commit, idempotently.
        LOG.info("offsets of a finished batch could not be committed after a rebalance; it will be replayed");
        return Future.succeededFuture();
      }
      LOG.warn("evaluating a batch of {} passages failed; retrying in {} ms: {}", records.size(), delay.toMillis(),
          failure.toString());
      Promise<Void> retried = Promise.promise();
      Duration next = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
      vertx.setTimer(delay.toMillis(), id -> untilDone(records, next).onComplete(retried));
      return retried.future();
    });
  }

  private Future<Void> evaluate(KafkaConsumerRecords<String, String> records) {
    Map<VerdictRepository.Key, ValidPassage> batch = new LinkedHashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      offsets.merge(new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1, null),
          (a, b) -> a.getOffset() >= b.getOffset() ? a : b);
      try {
        ValidPassage p = ValidPassage.fromReceivedJson(new JsonObject(record.value()));
        batch.putIfAbsent(new VerdictRepository.Key(p.municipality(), p.id()), p);
      } catch (DecodeException | NullPointerException | DateTimeParseException | ClassCastException e) {
        // Only this service writes the topic; a record it cannot read is logged by position, never by content.
        LOG.error("skipping an unreadable received record at {}-{}@{}", record.topic(), record.partition(),
            record.offset());
      }
    }
    List<VerdictRepository.Key> keys = new ArrayList<>(batch.keySet());
    return verdicts.existing(keys)
        .compose(stored -> {
          List<ValidPassage> pending = batch.entrySet().stream().filter(e -> !stored.containsKey(e.getKey()))
              .map(Map.Entry::getValue).toList();
          return access(pending).compose(answers -> verdicts.store(candidates(pending, answers)))
              .map(fresh -> {
                fresh.forEach(v -> metrics.evaluated(v.verdict()));
                Map<VerdictRepository.Key, Verdict> all = new HashMap<>(stored);
                fresh.forEach(v -> all.put(VerdictRepository.key(v), v));
                return keys.stream().map(all::get).toList();
              });
        })
        .compose(this::publish)
        .compose(v -> hook.beforeOffsetCommit())
        .compose(v -> consumer.commit(offsets))
        .mapEmpty();
  }

  private Future<List<AccessAnswer>> access(List<ValidPassage> pending) {
    if (pending.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<AccessQuery> queries = pending.stream()
        .map(p -> new AccessQuery(p.plate(), p.country(), p.municipality(), p.zone(), p.timestamp())).toList();
    return vertx.eventBus().<JsonObject>request(Addresses.EXEMPTIONS_ACCESS_BATCH, AccessQuery.batch(queries),
            new DeliveryOptions().setSendTimeout(config.accessTimeout().toMillis()))
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
    for (int i = 0; i < pending.size(); i++) {
      ValidPassage p = pending.get(i);
      AccessAnswer a = answers.get(i);
      LocalDate day = Verdict.dayOf(p.timestamp());
      LocalDate finesFrom = a.enforcementStart() != null ? LocalDate.parse(a.enforcementStart())
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
      events.add(new ProducerRecord<>(evaluatedTopic, v.id(), v.toEvent().toJson().encode()));
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
