package nl.zes.common.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * A {@link JsonObject} codec for the hot request/reply paths (the access batches, the ingest requests): local
 * delivery hands the sender's object to the receiver instead of deep-copying it as Vert.x's own JSON codec does, so
 * a sender must not touch a body after sending it. Across processes (the clustered event bus) the body travels as
 * JSON text, as with the default codec. Every process that sends or receives such a message registers it
 * ({@link #register}; {@code ServiceBasics} does for every service).
 */
public final class HandOverJsonCodec implements MessageCodec<JsonObject, JsonObject> {

  public static final String NAME = "zes-json-hand-over";

  private HandOverJsonCodec() {
  }

  /** Registers the codec on this Vert.x instance unless it already is (services share one in the devstack). */
  public static void register(Vertx vertx) {
    synchronized (HandOverJsonCodec.class) {
      try {
        vertx.eventBus().registerCodec(new HandOverJsonCodec());
      } catch (IllegalStateException alreadyRegistered) {
        // another verticle on this Vert.x registered it first
      }
    }
  }

  /** {@code options} set to send the body with this codec. */
  public static DeliveryOptions handOver(DeliveryOptions options) {
    return options.setCodecName(NAME);
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject body) {
    Buffer encoded = body.toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int position, Buffer buffer) {
    int length = buffer.getInt(position);
    int start = position + 4;
    return new JsonObject(buffer.slice(start, start + length));
  }

  @Override
  public JsonObject transform(JsonObject body) {
    return body;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
