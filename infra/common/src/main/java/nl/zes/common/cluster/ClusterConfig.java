package nl.zes.common.cluster;

import java.util.Arrays;
import java.util.List;
import nl.zes.common.config.ConfigException;
import nl.zes.common.config.Env;

/**
 * How a service process joins the clustered event bus: Hazelcast members on explicitly configured addresses
 * only (TCP/IP join; no multicast, no discovery, no phone-home). Absent ({@code ZES_CLUSTER_MEMBERS} unset), the
 * process runs with a local event bus.
 *
 * @param members {@code host:port} of the Hazelcast members to join (this process may be one of them)
 * @param host the address this process binds to and announces, for Hazelcast and the event bus
 * @param hazelcastPort the first Hazelcast port to try (auto-increments when taken on the same host)
 * @param eventBusPort the event bus port (0 = any free port)
 */
public record ClusterConfig(List<String> members, String host, int hazelcastPort, int eventBusPort) {

  public static ClusterConfig fromEnv(Env env) {
    String members = env.string("ZES_CLUSTER_MEMBERS", null);
    if (members == null) {
      return null;
    }
    List<String> list = Arrays.stream(members.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String member : list) {
      if (!member.matches("[A-Za-z0-9._-]+(:\\d{1,5})?")) {
        throw new ConfigException("ZES_CLUSTER_MEMBERS must be a comma-separated list of host[:port], got '" + member + "'");
      }
    }
    return new ClusterConfig(list,
        env.string("ZES_CLUSTER_HOST", "127.0.0.1"),
        env.port("ZES_CLUSTER_PORT", 5701),
        env.integer("ZES_EVENTBUS_PORT", 0, 0, 65535));
  }
}
