package nl.zes.exemption;

import java.util.Map;
import nl.zes.common.config.Env;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;

/** Everything the exemption-service reads from its environment, read once at start. */
public record ExemptionConfig(PgConfig pg, KafkaConfig kafka) {

  public static ExemptionConfig fromEnv(Map<String, String> environment) {
    Env env = Env.of(environment);
    return new ExemptionConfig(PgConfig.fromEnv(env), KafkaConfig.fromEnv(env));
  }
}
