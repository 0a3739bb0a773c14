package nl.zes.gateway;

import java.time.Duration;
import java.util.Map;
import nl.zes.common.config.Env;
import nl.zes.common.config.PgConfig;

/** Everything the gateway reads from its environment, read once at start. */
public record GatewayConfig(PgConfig pg, String httpHost, int httpPort, String bootstrapAdminKey, Duration busTimeout,
    long maxBodyBytes, int rateLimitPerSecond, int rateLimitBurst, Duration shutdownGrace) {

  public static GatewayConfig fromEnv(Map<String, String> environment) {
    Env env = Env.of(environment);
    int perSecond = env.integer("ZES_RATE_LIMIT_PER_SECOND", 2_000, 1, 10_000_000);
    return new GatewayConfig(
        PgConfig.fromEnv(env),
        env.string("ZES_HTTP_HOST", "127.0.0.1"),
        env.integer("ZES_HTTP_PORT", 8080, 0, 65535),
        env.string("ZES_BOOTSTRAP_ADMIN_KEY", null),
        env.duration("ZES_BUS_TIMEOUT", Duration.ofSeconds(30)),
        env.integer("ZES_MAX_BODY_MB", 32, 1, 1024) * 1024L * 1024L,
        perSecond,
        env.integer("ZES_RATE_LIMIT_BURST", Math.max(1, 2 * perSecond), 1, 100_000_000),
        env.duration("ZES_SHUTDOWN_GRACE", Duration.ofSeconds(10)));
  }
}
