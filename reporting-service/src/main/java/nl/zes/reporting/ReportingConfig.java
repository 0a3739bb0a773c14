package nl.zes.reporting;

import java.time.Duration;
import java.util.Map;
import nl.zes.common.config.Env;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;

/**
 * Everything the reporting-service reads from its environment, read once at start. {@code dedupRetention}
 * ({@code ZES_REPORTING_DEDUP_RETENTION}, default 7 days) is how long a counted passage id is remembered to
 * recognise a re-published duplicate.
 */
public record ReportingConfig(PgConfig pg, KafkaConfig kafka, Duration dedupRetention) {

  public static ReportingConfig fromEnv(Map<String, String> environment) {
    Env env = Env.of(environment);
    return new ReportingConfig(PgConfig.fromEnv(env), KafkaConfig.fromEnv(env),
        env.duration("ZES_REPORTING_DEDUP_RETENTION", Duration.ofDays(7)));
  }
}
