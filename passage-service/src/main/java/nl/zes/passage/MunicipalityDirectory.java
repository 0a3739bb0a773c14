package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.zes.common.bus.Addresses;
import nl.zes.common.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The municipalities with their zones and fines dates, as the exemption-service (which owns them) lists them;
 * cached and refreshed periodically so that validating a passage asks nobody.
 */
final class MunicipalityDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(MunicipalityDirectory.class);

  record Municipality(String code, Set<String> zones, LocalDate enforcementStart) {
  }

  private final Vertx vertx;
  private final Duration refresh;
  private final Duration timeout;
  private volatile Map<String, Municipality> byCode;
  private long timer = -1;

  MunicipalityDirectory(Vertx vertx, Duration refresh, Duration timeout) {
    this.vertx = vertx;
    this.refresh = refresh;
    this.timeout = timeout;
  }

  /** Starts the periodic refresh; the first load may fail (the exemption-service may start later). */
  void start() {
    load();
    timer = vertx.setPeriodic(refresh.toMillis(), id -> load());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The current list, loading it now if it was never loaded; 503 while the exemption-service cannot say. */
  Future<Map<String, Municipality>> current() {
    Map<String, Municipality> known = byCode;
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return load().recover(e -> Future.failedFuture(
        Problem.unavailable("the list of municipalities and zones is not available yet; retry later").exception()));
  }

  Optional<LocalDate> enforcementStart(String municipality) {
    Map<String, Municipality> known = byCode;
    return Optional.ofNullable(known == null ? null : known.get(municipality)).map(Municipality::enforcementStart);
  }

  private Future<Map<String, Municipality>> load() {
    return vertx.eventBus().<JsonObject>request(Addresses.EXEMPTIONS_MUNICIPALITIES, new JsonObject(),
            new DeliveryOptions().setSendTimeout(timeout.toMillis()))
        .map(reply -> parse(reply.body()))
        .onSuccess(parsed -> byCode = parsed)
        .onFailure(e -> LOG.warn("could not refresh the municipalities: {}", e.getMessage()));
  }

  static Map<String, Municipality> parse(JsonObject body) {
    Map<String, Municipality> parsed = new HashMap<>();
    JsonArray items = body.getJsonArray("items", new JsonArray());
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      Set<String> zones = new HashSet<>();
      JsonArray zoneList = item.getJsonArray("zones", new JsonArray());
      for (int z = 0; z < zoneList.size(); z++) {
        zones.add(zoneList.getJsonObject(z).getString("id"));
      }
      String start = item.getString("enforcementStart");
      parsed.put(item.getString("code"),
          new Municipality(item.getString("code"), Set.copyOf(zones), start == null ? null : LocalDate.parse(start)));
    }
    return Map.copyOf(parsed);
  }
}
