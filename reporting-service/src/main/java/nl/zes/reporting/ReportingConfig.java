package nl.zes.reporting;

import java.util.Map;
import nl.zes.common.config.Env;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;

/** Everything the reporting-service reads from its environment, read once at start. */
public record ReportingConfig(PgConfig pg, KafkaConfig kafka) {

  public static ReportingConfig fromEnv(Map<String, String> environment) {
    Env env = Env.of(environment);
    return new ReportingConfig(PgConfig.fromEnv(env), KafkaConfig.fromEnv(env));
  }
}
