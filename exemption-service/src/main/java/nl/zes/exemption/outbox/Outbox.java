package nl.zes.exemption.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import nl.zes.common.bus.Topics;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.messages.ExemptionChanged;

/** Writes a change event into the outbox, in the transaction of the change itself (no dual write). */
public final class Outbox {

  private static final String INSERT = "INSERT INTO outbox (topic, key, payload) VALUES ($1, $2, $3)";

  private final String topic;

  public Outbox(KafkaConfig kafka) {
    this.topic = kafka.topic(Topics.EXEMPTIONS_CHANGED);
  }

  /** Keyed by plate, so every change of one plate lands on one partition, in order. */
  public Future<Void> add(SqlClient transaction, ExemptionChanged event) {
    return transaction.preparedQuery(INSERT).execute(Tuple.of(topic, event.plate(), event.toJson().encode()))
        .mapEmpty();
  }
}
