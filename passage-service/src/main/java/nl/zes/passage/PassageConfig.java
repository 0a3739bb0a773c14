package nl.zes.passage;

import java.util.Map;
import nl.zes.common.config.Env;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;

/** Everything the passage-service reads from its environment, read once at start. */
public record PassageConfig(PgConfig pg, KafkaConfig kafka) {

  public static PassageConfig fromEnv(Map<String, String> environment) {
    Env env = Env.of(environment);
    return new PassageConfig(PgConfig.fromEnv(env), KafkaConfig.fromEnv(env));
  }
}
