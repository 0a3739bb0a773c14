package nl.zes.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import nl.zes.common.bus.HandOverJsonCodec;
import org.junit.jupiter.api.Test;

/**
 * Two processes' worth of Vert.x join by TCP/IP on loopback only and exchange a request over the clustered bus, also
 * with the {@link HandOverJsonCodec}, which must carry JSON between processes.
 */
class ClusteredEventBusTest {

  @Test
  void membersOnConfiguredLoopbackAddressesShareTheEventBus() throws Exception {
    int port = freePort();
    ClusterConfig cluster = new ClusterConfig(List.of("127.0.0.1:" + port), "127.0.0.1", port, 0);
    Vertx first = clustered(cluster);
    Vertx second = clustered(cluster);
    try {
      first.eventBus().<JsonObject>consumer("test.echo", m -> m.reply(m.body().put("echoed", true)))
          .completion().await(30, TimeUnit.SECONDS);
      JsonObject reply = second.eventBus().<JsonObject>request("test.echo", new JsonObject().put("n", 1))
          .await(30, TimeUnit.SECONDS).body();
      assertThat(reply).isEqualTo(new JsonObject().put("n", 1).put("echoed", true));

      HandOverJsonCodec.register(first);
      HandOverJsonCodec.register(second);
      JsonObject body = new JsonObject().put("items", new JsonArray()
          .add(new JsonObject().put("plate", "AB-123-C").put("at", "2025-11-03T08:15:00+01:00").putNull("zone"))
          .addNull().add(new JsonObject().put("confidence", 0.93).put("allowed", true).put("n", 7)))
          .put("text", "één \"quoted\" ✓");
      first.eventBus().<JsonObject>consumer("test.hand-over", m -> m.reply(m.body().copy().put("echoed", true),
          HandOverJsonCodec.handOver(new DeliveryOptions()))).completion().await(30, TimeUnit.SECONDS);
      JsonObject handedOver = second.eventBus().<JsonObject>request("test.hand-over", body.copy(),
          HandOverJsonCodec.handOver(new DeliveryOptions())).await(30, TimeUnit.SECONDS).body();
      assertThat(handedOver).as("the hand-over codec carries JSON between processes").isEqualTo(body.copy().put("echoed", true));
    } finally {
      second.close().await(30, TimeUnit.SECONDS);
      first.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static Vertx clustered(ClusterConfig cluster) throws Exception {
    return Vertx.builder()
        .with(ClusterManagers.eventBusOn(new VertxOptions(), cluster))
        .withClusterManager(ClusterManagers.hazelcast(cluster))
        .buildClustered()
        .await(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
