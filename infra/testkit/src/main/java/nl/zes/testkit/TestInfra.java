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
