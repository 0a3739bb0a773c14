package nl.zes.exemption;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.zes.common.config.ConfigException;
import nl.zes.common.config.Env;
import nl.zes.common.config.KafkaConfig;
import nl.zes.common.config.PgConfig;
import nl.zes.exemption.domain.Policy;

/** Everything the exemption-service reads from its environment, read once at start. */
public record ExemptionConfig(PgConfig pg, KafkaConfig kafka, Policy policy) {

  public static ExemptionConfig fromEnv(Map<String, String> environment) {
    Env env = Env.of(environment);
    return new ExemptionConfig(PgConfig.fromEnv(env), KafkaConfig.fromEnv(env),
        policy(env.string("ZES_POLICY_FILE", null)));
  }

  /** The shipped policy, with the file named by {@code ZES_POLICY_FILE} merged over it (docs/policy.md). */
  private static Policy policy(String file) {
    if (file == null) {
      return Policy.defaults();
    }
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return Policy.load(in);
    } catch (IOException e) {
      throw new ConfigException("ZES_POLICY_FILE cannot be read (" + file + "): " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ZES_POLICY_FILE " + file + ": " + e.getMessage());
    }
  }
}
