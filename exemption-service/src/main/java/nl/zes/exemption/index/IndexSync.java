package nl.zes.exemption.index;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import nl.zes.common.config.KafkaConfig;
import nl.zes.exemption.vehicles.RegisterRepository;

/**
 * Keeps the index of this exemption-service instance in step with what other instances commit: exemption and
 * day-exemption changes through {@code zes.exemptions.changed.v1} ({@link ChangeFollower}), register imports by
 * polling the register ({@link RegisterFollower}). Both start from a mark taken just before the index is loaded,
 * so nothing committed while it loads is missed.
 */
public final class IndexSync {

  private final ChangeFollower changes;
  private final RegisterFollower register;

  public IndexSync(Vertx vertx, Pool pool, RegisterRepository registerRepository, KafkaConfig kafka) {
    this.changes = new ChangeFollower(vertx, pool, kafka);
    this.register = new RegisterFollower(vertx, pool, registerRepository);
  }

  /** Call right before loading the index (again, before each attempt). */
  public Future<Void> mark() {
    changes.mark();
    return register.mark();
  }

  /** Starts following once the loaded index serves; runs on the caller's event loop. */
  public void follow(AccessIndex index) {
    changes.follow(index);
    register.follow(index);
  }

  public Future<Void> stop() {
    return Future.all(changes.stop(), register.stop()).mapEmpty();
  }
}
