package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.zes.common.config.PgConfig;
import nl.zes.common.db.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys. PostgreSQL keeps only the SHA-256 of each key (keys are 256 random bits, so a plain hash is
 * enough); every request is answered from an in-memory map of hash → key. Each insert and revocation sends a
 * NOTIFY in its own statement (so in its transaction), and every gateway instance LISTENs: a revoked key stops
 * working on all instances within the notification's delivery time, and at once on the instance that revoked it.
 * After each (re)connection of the listener the whole table is reloaded on the listening connection itself, so
 * no notification sent while it was away is missed and none overtakes the reload.
 */
public final class ApiKeys {

  static final String CHANNEL = "zes_api_keys";
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_KEY_LENGTH = 256;

  /** One digest per thread: looking the algorithm up for every request costs more than hashing the key. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private static final String SELECT_ALL =
      "SELECT id::text, encode(key_hash, 'hex') AS hash, role, municipality, name, revoked_at IS NOT NULL AS revoked FROM api_key";
  private static final String NOTIFY_ROW = "pg_notify('" + CHANNEL + "', json_build_object('id', id, 'hash', "
      + "encode(key_hash, 'hex'), 'role', role, 'municipality', municipality, 'name', name, "
      + "'revoked', revoked_at IS NOT NULL)::text)";
  private static final String INSERT = "WITH created AS (INSERT INTO api_key (id, key_hash, role, municipality, name) "
      + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_hash) DO NOTHING RETURNING *) SELECT " + NOTIFY_ROW + " FROM created";
  private static final String REVOKE = "WITH revoked AS (UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) "
      + "WHERE id = $1 RETURNING *) SELECT encode(key_hash, 'hex') AS hash, " + NOTIFY_ROW + " FROM revoked";

  private final Vertx vertx;
  private final Pool pool;
  private final PgConfig pg;
  private final Map<String, Entry> active = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private PgSubscriber subscriber;
  private volatile boolean closing;

  private record Entry(byte[] hash, ApiKey key) {
  }

  /** A key just created: the secret (shown once) and what it may do. */
  public record Created(String secret, ApiKey key) {
  }

  public ApiKeys(Vertx vertx, Pool pool, PgConfig pg) {
    this.vertx = vertx;
    this.pool = pool;
    this.pg = pg;
  }

  /** Registers the bootstrap admin key (if any), starts listening and loads every key; completes once loaded. */
  public Future<Void> start(String bootstrapAdminKey) {
    Future<Void> bootstrap = bootstrapAdminKey == null ? Future.succeededFuture()
        : Retry.withBackoff(vertx, "bootstrap admin key", () -> pool.preparedQuery(INSERT)
            .execute(Tuple.of(UUID.randomUUID(), Buffer.buffer(sha256(bootstrapAdminKey)), Role.ADMIN.wire(), null, "bootstrap admin"))
            .mapEmpty());
    return bootstrap.compose(v -> listen());
  }

  private Future<Void> listen() {
    Promise<Void> loaded = Promise.promise();
    subscriber = PgSubscriber.subscriber(vertx, pg.connectOptions(GatewayVerticle.SCHEMA))
        .reconnectPolicy(attempt -> Math.min(10_000L, 250L << Math.min(attempt, 6)));
    subscriber.closeHandler(v -> {
      if (!closing) {
        LOG.warn("api key listener disconnected; reconnecting");
      }
    });
    subscriber.channel(CHANNEL)
        .handler(this::onNotification)
        .subscribeHandler(v -> reload().onComplete(ar -> {
          if (ar.succeeded()) {
            loaded.tryComplete();
          } else {
            LOG.warn("api keys could not be reloaded: {}", ar.cause().getMessage());
          }
        }));
    return Retry.withBackoff(vertx, "api key listener", subscriber::connect).compose(v -> loaded.future());
  }

  private Future<Void> reload() {
    PgConnection connection = subscriber.actualConnection();
    if (connection == null) {
      return Future.failedFuture("listener not connected");
    }
    return connection.query(SELECT_ALL).execute().map(rows -> {
      for (Row row : rows) {
        apply(row.getString("id"), row.getString("hash"), row.getString("role"), row.getString("municipality"),
            row.getString("name"), row.getBoolean("revoked"));
      }
      LOG.info("api keys loaded: {} active", active.size());
      return null;
    });
  }

  private void onNotification(String payload) {
    try {
      JsonObject json = new JsonObject(payload);
      apply(json.getString("id"), json.getString("hash"), json.getString("role"), json.getString("municipality"),
          json.getString("name"), json.getBoolean("revoked", false));
    } catch (DecodeException | ClassCastException e) {
      LOG.warn("ignored a malformed api key notification");
    }
  }

  /** A revocation is final: once a hash is revoked no late "created" can bring it back. */
  private void apply(String id, String hash, String role, String municipality, String name, boolean isRevoked) {
    if (isRevoked || revoked.contains(hash)) {
      revoked.add(hash);
      active.remove(hash);
      return;
    }
    Role.fromWire(role).ifPresent(r -> active.put(hash, new Entry(HexFormat.of().parseHex(hash), new ApiKey(id, r, municipality, name))));
  }

  /** The key's holder, or empty for a missing, unknown or revoked key. */
  public Optional<ApiKey> find(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    byte[] hash = sha256(presented);
    Entry entry = active.get(HexFormat.of().formatHex(hash));
    // The lookup is by digest, which leaks nothing about the key; the final comparison is constant-time.
    if (entry == null || !MessageDigest.isEqual(entry.hash(), hash)) {
      return Optional.empty();
    }
    return Optional.of(entry.key());
  }

  public Future<Created> create(Role role, String municipality, String name) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = "zes_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    byte[] hash = sha256(secret);
    UUID id = UUID.randomUUID();
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(id, Buffer.buffer(hash), role.wire(), municipality, name))
        .map(rows -> {
          ApiKey key = new ApiKey(id.toString(), role, municipality, name);
          apply(key.id(), HexFormat.of().formatHex(hash), role.wire(), municipality, name, false);
          return new Created(secret, key);
        });
  }

  /** Revokes the key with this id; false when there is none. Revoking twice is not an error. */
  public Future<Boolean> revoke(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(false);
    }
    return pool.preparedQuery(REVOKE).execute(Tuple.of(uuid)).map((RowSet<Row> rows) -> {
      for (Row row : rows) {
        apply(id, row.getString("hash"), null, null, null, true);
      }
      return rows.rowCount() > 0;
    });
  }

  public Future<Void> close() {
    closing = true;
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  static byte[] sha256(String key) {
    return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
  }
}
