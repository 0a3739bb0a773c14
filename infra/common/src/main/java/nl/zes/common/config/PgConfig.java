package nl.zes.common.config;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;

/** Where PostgreSQL is, read from libpq's own variables so that psql and the services agree. */
public record PgConfig(String host, int port, String database, String user, String password, int poolSize) {

  public static PgConfig fromEnv(Env env) {
    return new PgConfig(
        env.string("PGHOST", "127.0.0.1"),
        env.port("PGPORT", 5432),
        env.string("PGDATABASE", "zes"),
        env.string("PGUSER", "zes"),
        env.string("PGPASSWORD", null),
        env.integer("ZES_PG_POOL_SIZE", 8, 1, 200));
  }

  /** Connection options whose {@code search_path} is the service's own schema, so its SQL needs no prefix. */
  public PgConnectOptions connectOptions(String schema) {
    PgConnectOptions options = new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256)
        .setProperties(Map.of("search_path", schema, "application_name", "zes-" + schema));
    if (password != null) {
      options.setPassword(password);
    }
    return options;
  }

  public Pool pool(Vertx vertx, String schema) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize).setName("zes-" + schema).setShared(false)
            .setConnectionTimeout(5).setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS))
        .with(new NetClientOptions().setConnectTimeout(3_000))
        .connectingTo(connectOptions(schema))
        .using(vertx)
        .build();
  }
}
