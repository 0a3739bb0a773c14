package nl.zes.testkit;

import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;
import nl.zes.embedded.LocalKafka;
import nl.zes.embedded.LocalPostgres;

/**
 * What one test class gets: a database of its own on the shared PostgreSQL server, and a topic and
 * consumer-group prefix of its own on the shared Kafka broker. Fault tests may stop and restart the servers;
 * they must leave them running when they finish.
 */
public final class TestInfra {

  private final SharedServers servers;
  private final String database;
  private final String prefix;

  TestInfra(SharedServers servers, String database, String prefix) {
    this.servers = servers;
    this.database = database;
    this.prefix = prefix;
  }

  public PgConfig pgConfig() {
    LocalPostgres pg = servers.postgres();
    return new PgConfig(pg.host(), pg.port(), database, pg.user(), null, 4);
  }

  public KafkaConfig kafkaConfig() {
    return new KafkaConfig(servers.kafka().bootstrapServers(), prefix, 2);
  }

  /**
   * The environment a service would get in production, pointing at this class's database and topics, for
   * {@code XConfig.fromEnv(infra.env())}. Add or override entries for what a test needs.
   */
  public java.util.Map<String, String> env() {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    PgConfig pg = pgConfig();
    env.put("PGHOST", pg.host());
    env.put("PGPORT", String.valueOf(pg.port()));
    env.put("PGDATABASE", pg.database());
    env.put("PGUSER", pg.user());
    env.put("ZES_PG_POOL_SIZE", "4");
    env.put("ZES_KAFKA_BOOTSTRAP_SERVERS", servers.kafka().bootstrapServers());
    env.put("ZES_TOPIC_PREFIX", prefix);
    env.put("ZES_KAFKA_PARTITIONS", "2");
    env.put("ZES_HTTP_HOST", "127.0.0.1");
    env.put("ZES_HTTP_PORT", "0");
    return env;
  }

  public String database() {
    return database;
  }

  /** Runs SQL with psql on this class's database and returns its unaligned output (for assertions). */
  public String psql(String sql) {
    return servers.postgres().psql(database, sql);
  }

  public LocalPostgres postgres() {
    return servers.postgres();
  }

  public LocalKafka kafka() {
    return servers.kafka();
  }
}
