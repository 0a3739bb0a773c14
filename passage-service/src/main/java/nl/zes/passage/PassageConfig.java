package nl.zes.passage;

import java.time.Duration;
import java.util.Map;
import nl.zes.common.config.Env;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;

/**
 * Everything the passage-service reads from its environment, read once at start (see docs/operations.md,
 * "Passage service").
 *
 * @param clockSkew how far in the future a passage's timestamp may lie (camera clocks drift)
 * @param maxIngestsInFlight ingest requests handled at once; more are answered 429
 * @param receivedRetention {@code retention.ms} of the received topic: raw plates live only this long in Kafka
 * @param violationRetention after this, a violation's plate is purged
 * @param purgeInterval how often the purge runs
 * @param fineVanEur fine for a van, euros (policy; indexed yearly)
 * @param fineTruckEur fine for a truck, euros
 * @param onePerDay at most one warning or fine per plate, municipality and calendar day (later ones REPEAT)
 * @param municipalitiesRefresh how often the zones and fines dates are fetched from the exemption-service
 * @param accessTimeout wait for the exemption-service's answer to one batch
 * @param drainTimeout how long stop() waits for the batch in progress
 * @param replicationFactor replicas of the topics this service creates (3 in a production cluster)
 * @param evaluatorBatch at most this many received records per evaluated batch ({@code max.poll.records})
 * @param evaluatorPipeline batches the evaluator works on at once: the next is polled and its access answers
 *     fetched while the one before is stored, published and committed (stores and commits stay in order)
 */
public record PassageConfig(PgConfig pg, KafkaConfig kafka, Duration clockSkew, int maxIngestsInFlight,
    Duration receivedRetention, Duration violationRetention, Duration purgeInterval, int fineVanEur,
    int fineTruckEur, boolean onePerDay, Duration municipalitiesRefresh, Duration accessTimeout,
    Duration drainTimeout, short replicationFactor, int evaluatorBatch, int evaluatorPipeline) {

  public static PassageConfig fromEnv(Map<String, String> environment) {
    Env env = Env.of(environment);
    return new PassageConfig(PgConfig.fromEnv(env), KafkaConfig.fromEnv(env),
        env.duration("ZES_CLOCK_SKEW", Duration.ofMinutes(5)),
        env.integer("ZES_INGEST_MAX_IN_FLIGHT", 64, 1, 100_000),
        env.duration("ZES_RECEIVED_RETENTION", Duration.ofHours(72)),
        env.duration("ZES_VIOLATION_RETENTION", Duration.ofDays(400)),
        env.duration("ZES_VIOLATION_PURGE_INTERVAL", Duration.ofHours(1)),
        env.integer("ZES_FINE_VAN_EUR", 120, 0, 100_000),
        env.integer("ZES_FINE_TRUCK_EUR", 310, 0, 100_000),
        env.bool("ZES_ONE_VIOLATION_PER_DAY", true),
        env.duration("ZES_MUNICIPALITIES_REFRESH", Duration.ofSeconds(30)),
        env.duration("ZES_ACCESS_TIMEOUT", Duration.ofSeconds(10)),
        env.duration("ZES_EVALUATOR_DRAIN", Duration.ofSeconds(10)),
        (short) env.integer("ZES_KAFKA_REPLICATION_FACTOR", 1, 1, 16),
        env.integer("ZES_EVALUATOR_BATCH", 2_000, 1, 50_000),
        env.integer("ZES_EVALUATOR_PIPELINE", 3, 1, 16));
  }
}
