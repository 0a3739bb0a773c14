package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.ArrayList;
import java.util.List;
import nl.zes.common.ServiceBasics;
import nl.zes.common.bus.Addresses;
import nl.zes.common.db.Retry;

/**
 * The passage-service's main verticle: ingestion and queries on the event bus; the evaluator on Kafka runs in a
 * child verticle on its own event loop.
 */
public final class PassageVerticle extends VerticleBase {

  public static final String SCHEMA = "passages";
  public static final String SERVICE = "passage-service";

  private final PassageConfig config;
  private final PassageEvaluator.Hook hook;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private ServiceBasics basics;
  private KafkaProducer<String, String> producer;
  private MunicipalityDirectory directory;
  private ViolationPurge purge;

  public PassageVerticle() {
    this(PassageConfig.fromEnv(System.getenv()));
  }

  public PassageVerticle(PassageConfig config) {
    this(config, PassageEvaluator.Hook.NONE);
  }

  /** With a hook between an evaluated batch and its offset commit, for tests that simulate a crash there. */
  PassageVerticle(PassageConfig config, PassageEvaluator.Hook hook) {
    this.config = config;
    this.hook = hook;
  }

  @Override
  public Future<?> start() {
    return ServiceBasics.start(vertx, SERVICE, SCHEMA, Addresses.PASSAGES_HEALTH, config.pg(), config.kafka())
        .compose(b -> {
          basics = b;
          return Retry.withBackoff(vertx, SERVICE + " topics", () -> TopicSetup.ensure(vertx, config));
        })
        .compose(v -> {
          producer = KafkaProducer.create(vertx, config.kafka().producer(SERVICE));
          KafkaBatchSender sender = new KafkaBatchSender(vertx, producer);
          PassageMetrics metrics = new PassageMetrics(config.kafka().group(PassageEvaluator.GROUP));
          directory = new MunicipalityDirectory(vertx, config.municipalitiesRefresh(), config.accessTimeout());
          directory.start();
          PassageIngestion ingestion = new PassageIngestion(config, directory, new ClaimRepository(basics.pool()),
              sender, metrics);
          PassageQueries queries = new PassageQueries(basics.pool(), directory);
          consumers.add(vertx.eventBus().consumer(Addresses.PASSAGES_INGEST, ingestion::handle));
          consumers.add(vertx.eventBus().consumer(Addresses.PASSAGES_GET, queries::handleGet));
          consumers.add(vertx.eventBus().consumer(Addresses.PASSAGES_VIOLATIONS, queries::handleViolations));
          VerdictRules rules = new VerdictRules(config.fineVanEur(), config.fineTruckEur());
          VerdictRepository verdicts = new VerdictRepository(basics.pool(), rules, config.onePerDay());
          purge = new ViolationPurge(vertx, basics.pool(), config.violationRetention(), config.purgeInterval());
          purge.start();
          return vertx.deployVerticle(new EvaluatorVerticle(loop -> new PassageEvaluator(loop, config, directory,
              verdicts, rules, sender, metrics, hook)));
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    // The evaluator, a child deployment, has been undeployed (drained) before this runs.
    return unregistered
        .eventually(() -> {
          if (purge != null) {
            purge.stop();
          }
          if (directory != null) {
            directory.stop();
          }
          return producer == null ? Future.succeededFuture() : producer.close();
        })
        .eventually(() -> basics == null ? Future.succeededFuture() : basics.close());
  }
}
