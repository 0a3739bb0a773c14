package nl.zes.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Local delivery hands the very object over (the clustered case is in {@code ClusteredEventBusTest}). */
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
}
