package nl.zes.exemption;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import nl.zes.common.ServiceBasics;
import nl.zes.common.bus.Addresses;
import nl.zes.common.db.Retry;
import nl.zes.exemption.access.AccessService;
import nl.zes.exemption.domain.AccessRules;
import nl.zes.exemption.exemptions.DayExemptions;
import nl.zes.exemption.exemptions.ExemptionLifecycle;
import nl.zes.exemption.index.AccessIndex;
import nl.zes.exemption.index.IndexSync;
import nl.zes.exemption.municipality.Municipalities;
import nl.zes.exemption.municipality.MunicipalityRepository;
import nl.zes.exemption.outbox.Outbox;
import nl.zes.exemption.outbox.OutboxPublisher;
import nl.zes.exemption.vehicles.RegisterRepository;
import nl.zes.exemption.vehicles.VehicleImports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exemption-service's main verticle. At start it migrates, seeds the municipalities, builds the access index
 * from PostgreSQL and only then answers on the event bus; the outbox publisher and the index sync (changes
 * committed by other instances) run from then on.
 */
public final class ExemptionVerticle extends VerticleBase {

  public static final String SCHEMA = "exemptions";
  public static final String SERVICE = "exemption-service";
  private static final Logger LOG = LoggerFactory.getLogger(ExemptionVerticle.class);

  private final ExemptionConfig config;
  private ServiceBasics basics;
  private OutboxPublisher publisher;
  private VehicleImports imports;
  private ExemptionBusApi api;
  private IndexSync sync;

  public ExemptionVerticle() {
    this(ExemptionConfig.fromEnv(System.getenv()));
  }

  public ExemptionVerticle(ExemptionConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return ServiceBasics.start(vertx, SERVICE, SCHEMA, Addresses.EXEMPTIONS_HEALTH, config.pg(), config.kafka())
        .compose(b -> {
          basics = b;
          Pool pool = b.pool();
          Municipalities municipalities = new Municipalities(new MunicipalityRepository(pool));
          RegisterRepository register = new RegisterRepository(pool);
          publisher = new OutboxPublisher(vertx, pool, config.kafka());
          Outbox outbox = new Outbox(config.kafka());
          sync = new IndexSync(vertx, pool, register, config.kafka());
          return Retry.withBackoff(vertx, SERVICE + " index",
                  () -> sync.mark().compose(v -> load(pool, municipalities, register)))
              .compose(loaded -> {
                imports = new VehicleImports(vertx, register, loaded);
                api = new ExemptionBusApi(vertx);
                return api.register(municipalities, loaded,
                    new AccessService(new AccessRules(config.policy()), loaded, municipalities), imports,
                    new ExemptionLifecycle(pool, config.policy(), loaded, municipalities, outbox, publisher::nudge),
                    new DayExemptions(pool, config.policy(), loaded, municipalities, outbox, publisher::nudge))
                    .onSuccess(v -> sync.follow(loaded));
              });
        })
        .onSuccess(v -> publisher.start());
  }

  /** The municipalities and a fresh index with every vehicle, granted exemption and day exemption. */
  private static Future<AccessIndex> load(Pool pool, Municipalities municipalities, RegisterRepository register) {
    AccessIndex fresh = new AccessIndex();
    return municipalities.load()
        .compose(v -> register.forEachVehicle(fresh::putVehicle))
        .compose(vehicles -> ExemptionLifecycle.loadGranted(pool, fresh)
            .compose(v -> DayExemptions.loadAll(pool, fresh))
            .map(v -> {
              LOG.info("access index built: {} vehicles", vehicles);
              return fresh;
            }));
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = api == null ? Future.succeededFuture() : api.unregister();
    return unregistered
        .eventually(() -> sync == null ? Future.succeededFuture() : sync.stop())
        .eventually(() -> imports == null ? Future.succeededFuture() : imports.close())
        .eventually(() -> publisher == null ? Future.succeededFuture() : publisher.stop())
        .eventually(() -> basics == null ? Future.succeededFuture() : basics.close());
  }
}
