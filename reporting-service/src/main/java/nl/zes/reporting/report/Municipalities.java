package nl.zes.reporting.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import nl.zes.common.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Municipality names, asked of the exemption-service (which owns the list) and kept for a minute. When it does
 * not answer, reports still answer: names fall back to codes and an unknown municipality cannot be told apart.
 */
public final class Municipalities {

  /** Code → name; {@code known} is false when the list could not be had. */
  public record Names(Map<String, String> byCode, boolean known) {

    public String name(String code) {
      return byCode.getOrDefault(code, code);
    }

    public boolean exists(String code) {
      return !known || byCode.containsKey(code);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Municipalities.class);
  private static final long TIMEOUT_MS = 2_000;
  private static final long KEEP_MS = 60_000;

  private final Vertx vertx;
  private Names cached;
  private long cachedAt;

  public Municipalities(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Names> names() {
    if (cached != null && System.currentTimeMillis() - cachedAt < KEEP_MS) {
      return Future.succeededFuture(cached);
    }
    return vertx.eventBus().<JsonObject>request(Addresses.EXEMPTIONS_MUNICIPALITIES, new JsonObject(),
            new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(reply -> {
          Map<String, String> byCode = new TreeMap<>();
          JsonArray items = reply.body().getJsonArray("items", new JsonArray());
          for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            byCode.put(item.getString("code"), item.getString("name", item.getString("code")));
          }
          cached = new Names(byCode, true);
          cachedAt = System.currentTimeMillis();
          return cached;
        })
        .recover(e -> {
          LOG.debug("municipality list unavailable, using codes as names: {}", e.getMessage());
          return Future.succeededFuture(new Names(Map.of(), false));
        });
  }
}
