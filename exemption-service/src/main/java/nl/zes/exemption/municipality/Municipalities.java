package nl.zes.exemption.municipality;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.zes.common.problem.Problem;

/**
 * The municipalities in memory, loaded at start (after seeding an empty table from the shipped list) and
 * replaced after each committed change, so that access decisions read them without a query.
 */
public final class Municipalities {

  static final String SEED_RESOURCE = "/municipalities.json";

  private final MunicipalityRepository repository;
  private volatile Map<String, Municipality> byCode = Map.of();

  public Municipalities(MunicipalityRepository repository) {
    this.repository = repository;
  }

  public Future<Void> load() {
    return repository.seedIfEmpty(seed())
        .compose(v -> repository.all())
        .onSuccess(all -> {
          Map<String, Municipality> loaded = new TreeMap<>();
          all.forEach(m -> loaded.put(m.code(), m));
          byCode = loaded;
        })
        .mapEmpty();
  }

  public Municipality get(String code) {
    return byCode.get(code);
  }

  /** The municipality named by {@code field}; an unknown code is 422. */
  public Municipality require(String field, String code) {
    Municipality municipality = code == null ? null : byCode.get(code);
    if (municipality == null) {
      throw Problem.unprocessable(field, "unknown municipality " + code).exception();
    }
    return municipality;
  }

  public Collection<Municipality> all() {
    return byCode.values();
  }

  public JsonObject listJson() {
    JsonArray items = new JsonArray();
    byCode.values().forEach(m -> items.add(m.toJson()));
    return new JsonObject().put("items", items);
  }

  /** Creates or replaces one; true when it was created. Memory follows only after the commit. */
  public Future<Boolean> put(Municipality municipality) {
    return repository.put(municipality).onSuccess(created -> {
      Map<String, Municipality> changed = new TreeMap<>(byCode);
      changed.put(municipality.code(), municipality);
      byCode = changed;
    });
  }

  static List<Municipality> seed() {
    try (InputStream in = Municipalities.class.getResourceAsStream(SEED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SEED_RESOURCE + " is missing from the classpath");
      }
      JsonArray array = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<Municipality> seed = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        JsonObject json = array.getJsonObject(i);
        seed.add(Municipality.fromJson(json.getString("code"), json));
      }
      return seed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
