package nl.zes.reporting;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.TimeUnit;
import nl.zes.common.ServiceBasics;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.Topics;
import nl.zes.reporting.ingest.DeadLetters;
import nl.zes.reporting.ingest.ExemptionRollups;
import nl.zes.reporting.ingest.PassageRollups;
import nl.zes.reporting.ingest.StoredOffsetConsumer;
import nl.zes.reporting.report.Municipalities;
import nl.zes.reporting.report.ReportHandlers;
import nl.zes.reporting.report.ReportRepository;
import nl.zes.reporting.report.Reports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporting-service's main verticle: consumes evaluated passages and exemption changes into roll-ups (offsets
 * stored with them, see {@link StoredOffsetConsumer}) and answers the report addresses from those roll-ups.
 */
public final class ReportingVerticle extends VerticleBase {

  public static final String SCHEMA = "reporting";
  public static final String SERVICE = "reporting-service";
  public static final String PASSAGES_GROUP = "zes-reporting-passages";
  public static final String EXEMPTIONS_GROUP = "zes-reporting-exemptions";
  /** Exemption changes reporting could not parse; reporting's own topic, beside the evaluated passages' one. */
  public static final String EXEMPTIONS_DEAD_LETTER = "zes.exemptions.changed.dlq.v1";

  private static final Logger LOG = LoggerFactory.getLogger(ReportingVerticle.class);
  private static final long PRUNE_EVERY_MS = TimeUnit.HOURS.toMillis(1);

  private final ReportingConfig config;
  private ServiceBasics basics;
  private DeadLetters passageDeadLetters;
  private DeadLetters exemptionDeadLetters;
  private StoredOffsetConsumer passages;
  private StoredOffsetConsumer exemptions;
  private ReportHandlers handlers;
  private long pruneTimer = -1;

  public ReportingVerticle() {
    this(ReportingConfig.fromEnv(System.getenv()));
  }

  public ReportingVerticle(ReportingConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return ServiceBasics.start(vertx, SERVICE, SCHEMA, Addresses.REPORTING_HEALTH, config.pg(), config.kafka())
        .compose(b -> {
          basics = b;
          handlers = new ReportHandlers(vertx, new Reports(new ReportRepository(b.pool()), new Municipalities(vertx)));
          passageDeadLetters = new DeadLetters(vertx, config.kafka(), Topics.PASSAGES_EVALUATED,
              Topics.PASSAGES_EVALUATED_DEAD_LETTER);
          exemptionDeadLetters = new DeadLetters(vertx, config.kafka(), Topics.EXEMPTIONS_CHANGED,
              EXEMPTIONS_DEAD_LETTER);
          passages = new StoredOffsetConsumer(vertx, b.pool(), config.kafka(), PASSAGES_GROUP,
              config.kafka().topic(Topics.PASSAGES_EVALUATED), new PassageRollups(passageDeadLetters));
          exemptions = new StoredOffsetConsumer(vertx, b.pool(), config.kafka(), EXEMPTIONS_GROUP,
              config.kafka().topic(Topics.EXEMPTIONS_CHANGED), new ExemptionRollups(exemptionDeadLetters));
          pruneTimer = vertx.setPeriodic(PRUNE_EVERY_MS, id -> pruneSeen());
          return Future.all(passages.start(), exemptions.start());
        });
  }

  private void pruneSeen() {
    int days = (int) Math.max(1, config.dedupRetention().toDays());
    PassageRollups.pruneSeen(basics.pool(), days)
        .onSuccess(n -> LOG.info("forgot {} passage ids seen more than {} days ago", n, days))
        .onFailure(e -> LOG.warn("pruning seen passages failed: {}", e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(pruneTimer);
    Future<?> consumers = Future.all(
        passages == null ? Future.succeededFuture() : passages.stop(),
        exemptions == null ? Future.succeededFuture() : exemptions.stop());
    return consumers
        .eventually(() -> handlers == null ? Future.succeededFuture() : handlers.close())
        .eventually(() -> passageDeadLetters == null ? Future.succeededFuture() : passageDeadLetters.close())
        .eventually(() -> exemptionDeadLetters == null ? Future.succeededFuture() : exemptionDeadLetters.close())
        .eventually(() -> basics == null ? Future.succeededFuture() : basics.close());
  }
}
