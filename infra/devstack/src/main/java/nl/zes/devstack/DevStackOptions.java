package nl.zes.devstack;

import java.nio.file.Path;
import java.util.Map;
import nl.zes.common.config.ConfigException;
import nl.zes.common.config.Env;

/** The embedded default's settings: where its data lives and which loopback ports it takes. */
record DevStackOptions(Path dataDir, int httpPort, int pgPort, int kafkaPort, int kafkaControllerPort,
    String adminKey, boolean demo, int cluster) {

  static DevStackOptions parse(String[] args, Map<String, String> environment) {
    Env env = Env.of(environment);
    boolean demo = false;
    int cluster = 0;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--demo" -> demo = true;
        case "--cluster" -> {
          if (i + 1 >= args.length || !args[i + 1].matches("[1-9]\\d?")) {
            throw new ConfigException("--cluster needs a number of instances per service, 1 to 99");
          }
          cluster = Integer.parseInt(args[++i]);
        }
        default -> throw new ConfigException("unknown option " + args[i] + " (usage: zes up [--demo] [--cluster N])");
      }
    }
    return new DevStackOptions(
        Path.of(env.string("ZES_DATA_DIR", ".zes")).toAbsolutePath().normalize(),
        env.port("ZES_HTTP_PORT", 8080),
        env.port("ZES_DEV_PG_PORT", 15432),
        env.port("ZES_DEV_KAFKA_PORT", 19092),
        env.port("ZES_DEV_KAFKA_CONTROLLER_PORT", 19093),
        env.string("ZES_BOOTSTRAP_ADMIN_KEY", null),
        demo,
        cluster);
  }
}
