package nl.zes.common.bus;

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
import java.util.concurrent.atomic.AtomicReference;
import nl.zes.common.cluster.ClusterConfig;
import nl.zes.common.cluster.ClusterManagers;
import org.junit.jupiter.api.Test;

/** Local delivery hands the very object over; the clustered bus carries it as JSON between processes. */
class HandOverJsonCodecTest {

  private static final JsonObject BODY = new JsonObject().put("items", new JsonArray()
      .add(new JsonObject().put("plate", "AB-123-C").put("at", "2025-11-03T08:15:00+01:00").putNull("zone"))
      .addNull().add(new JsonObject().put("confidence", 0.93).put("allowed", true).put("n", 7)))
      .put("text", "één \"quoted\" ✓");

  @Test
  void localDeliveryPassesTheSameObjectBothWays() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      HandOverJsonCodec.register(vertx);
      HandOverJsonCodec.register(vertx);
      JsonObject request = BODY.copy();
      JsonObject reply = new JsonObject().put("ok", true);
      AtomicReference<Object> received = new AtomicReference<>();
      vertx.eventBus().<JsonObject>consumer("test.hand-over", m -> {
        received.set(m.body());
        m.reply(reply, HandOverJsonCodec.handOver(new DeliveryOptions()));
      }).completion().await(10, TimeUnit.SECONDS);
      Object answered = vertx.eventBus().request("test.hand-over", request,
          HandOverJsonCodec.handOver(new DeliveryOptions())).await(10, TimeUnit.SECONDS).body();
      assertThat(received.get()).isSameAs(request);
      assertThat(answered).isSameAs(reply);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void clusteredDeliveryEncodesAndDecodesTheJson() throws Exception {
    int port = freePort();
    ClusterConfig cluster = new ClusterConfig(List.of("127.0.0.1:" + port), "127.0.0.1", port, 0);
    Vertx first = clustered(cluster);
    Vertx second = clustered(cluster);
    try {
      HandOverJsonCodec.register(first);
      HandOverJsonCodec.register(second);
      first.eventBus().<JsonObject>consumer("test.hand-over", m -> m.reply(m.body().copy().put("echoed", true),
          HandOverJsonCodec.handOver(new DeliveryOptions()))).completion().await(30, TimeUnit.SECONDS);
      JsonObject reply = second.eventBus().<JsonObject>request("test.hand-over", BODY.copy(),
          HandOverJsonCodec.handOver(new DeliveryOptions())).await(30, TimeUnit.SECONDS).body();
      assertThat(reply).isEqualTo(BODY.copy().put("echoed", true));
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
