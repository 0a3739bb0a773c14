package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.zes.common.bus.BusHeaders;
import nl.zes.common.bus.HandOverJsonCodec;
import nl.zes.common.bus.Topics;
import nl.zes.common.problem.Problem;
import nl.zes.common.problem.Problems;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code passages.ingest}: {@code {items:[…], malformed:[{index, id, errors}]}} from the gateway (items[i] is
 * null where the gateway could not parse item i). Validates, claims the new ids and writes them to the received
 * topic in one PostgreSQL transaction that commits only after Kafka acknowledged every record.
 */
final class PassageIngestion {

  private static final Logger LOG = LoggerFactory.getLogger(PassageIngestion.class);
  static final int MAX_ITEMS = 10_000;

  private final PassageValidator validator;
  private final MunicipalityDirectory directory;
  private final ClaimRepository claims;
  private final KafkaBatchSender sender;
  private final String receivedTopic;
  private final int maxInFlight;
  private final PassageMetrics metrics;
  private int inFlight;

  PassageIngestion(PassageConfig config, MunicipalityDirectory directory, ClaimRepository claims,
      KafkaBatchSender sender, PassageMetrics metrics) {
    this.validator = new PassageValidator(config.clockSkew());
    this.directory = directory;
    this.claims = claims;
    this.sender = sender;
    this.receivedTopic = config.kafka().topic(Topics.PASSAGES_RECEIVED);
    this.maxInFlight = config.maxIngestsInFlight();
    this.metrics = metrics;
  }

  void handle(Message<JsonObject> message) {
    if (inFlight >= maxInFlight) {
      Problem busy = Problem.of(429, "too-many-requests", "Too many requests",
          "ingestion is saturated; retry after a few seconds");
      message.fail(busy.status(), busy.encode());
      return;
    }
    inFlight++;
    ingest(BusHeaders.caller(message), message.body()).onComplete(ar -> {
      inFlight--;
      if (ar.succeeded()) {
        message.reply(ar.result(), HandOverJsonCodec.handOver(new DeliveryOptions().addHeader("zes-status", "202")));
      } else {
        Problems.fail(message, ar.cause());
      }
    });
  }

  Future<JsonObject> ingest(BusHeaders.Caller caller, JsonObject body) {
    if (!caller.isMunicipality() || caller.municipality() == null) {
      return Future.failedFuture(Problem.forbidden("only a municipality key posts passages").exception());
    }
    String municipality = caller.municipality();
    JsonArray items = body == null ? null : body.getJsonArray("items");
    if (items == null) {
      return Future.failedFuture(Problem.badRequest("no passages in the request").exception());
    }
    if (items.size() > MAX_ITEMS) {
      return Future.failedFuture(Problem.of(413, "too-large", "Payload too large",
          "over " + MAX_ITEMS + " passages in one request").exception());
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.getValue(i) instanceof JsonObject item && item.getValue("municipality") != null
          && !municipality.equals(item.getValue("municipality"))) {
        return Future.failedFuture(Problem.forbidden("item " + i + " is for another municipality than the key's")
            .exception());
      }
    }
    return directory.current().compose(known -> {
      MunicipalityDirectory.Municipality own = known.get(municipality);
      Set<String> zones = own == null ? null : own.zones();
      Map<Integer, JsonObject> rejected = new TreeMap<>();
      JsonArray malformed = body.getJsonArray("malformed", new JsonArray());
      for (int i = 0; i < malformed.size(); i++) {
        JsonObject error = malformed.getJsonObject(i);
        rejected.put(error.getInteger("index"), error);
      }
      Instant now = Instant.now();
      List<ValidPassage> valid = new ArrayList<>(items.size());
      Set<String> seen = new HashSet<>();
      int duplicatesInRequest = 0;
      for (int i = 0; i < items.size(); i++) {
        if (rejected.containsKey(i)) {
          continue;
        }
        PassageValidator.Result result = validator.validate(items.getValue(i), municipality, zones, now);
        if (!result.valid()) {
          Object id = items.getValue(i) instanceof JsonObject item ? item.getValue("id") : null;
          rejected.put(i, new JsonObject().put("index", i).put("id", id instanceof String s ? s : null)
              .put("errors", result.errors()));
        } else if (!seen.add(result.passage().id())) {
          duplicatesInRequest++;
        } else {
          valid.add(result.passage());
        }
      }
      int repeated = duplicatesInRequest;
      String receivedAt = now.toString();
      return claims.claimAndThen(municipality, valid, fresh -> publish(fresh, receivedAt))
          .recover(PassageIngestion::unavailableWhenPoolBusy)
          .map(accepted -> {
            metrics.received(accepted);
            return new JsonObject().put("accepted", accepted).put("duplicates", repeated + valid.size() - accepted)
                .put("rejected", new JsonArray(new ArrayList<>(rejected.values())));
          });
    });
  }

  /**
   * The pool's wait for a free connection timed out (Vert.x fails it with a bare "Timeout"): every connection is
   * held, e.g. by claims waiting for a Kafka that is away. Nothing was claimed, so the client may retry: 503.
   */
  private static Future<Integer> unavailableWhenPoolBusy(Throwable failure) {
    if (failure instanceof NoStackTraceThrowable && "Timeout".equals(failure.getMessage())) {
      return Future.failedFuture(Problem.unavailable("every database connection is busy; nothing was stored, "
          + "retry later").exception());
    }
    return Future.failedFuture(failure);
  }

  private Future<Void> publish(List<ValidPassage> passages, String receivedAt) {
    List<ProducerRecord<String, String>> records = new ArrayList<>(passages.size());
    for (ValidPassage p : passages) {
      records.add(new ProducerRecord<>(receivedTopic, p.plate(), TopicJson.received(p, receivedAt)));
    }
    return sender.send(records).recover(e -> {
      LOG.warn("Kafka did not take {} passages; their claims are rolled back: {}", passages.size(), e.toString());
      return Future.failedFuture(Problem.unavailable("Kafka is unavailable; nothing was stored, retry later")
          .exception());
    });
  }
}
