package nl.zes.common.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** Asks PostgreSQL a trivial question through the service's own pool. */
public final class PostgresProbe {

  public static final String ID = "postgresql";

  private PostgresProbe() {
  }

  public static Future<Check> check(Pool pool) {
    return pool.query("SELECT 1").execute()
        .timeout(3, TimeUnit.SECONDS)
        .map(rows -> Check.up(ID))
        .otherwise(e -> Check.down(ID, String.valueOf(e.getMessage())));
  }
}
