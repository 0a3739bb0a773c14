package nl.zes.common.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned SQL migrations, one PostgreSQL schema per service.
 *
 * <p>A service's migrations are classpath files {@code db/<schema>/V1.sql}, {@code V2.sql}, … with no gaps.
 * They run in one transaction that first takes a transaction-scoped advisory lock for the schema, so that
 * several instances starting at once apply each file exactly once, and a failure leaves nothing behind.
 * An applied file whose text changed is refused: history is append-only.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  public record Script(int version, String sql, String checksum) {
  }

  /** Applies the pending migrations of {@code schema}; the result is how many were applied. */
  public static Future<Integer> apply(Pool pool, String schema) {
    List<Script> scripts = load(schema);
    return pool.withTransaction(conn -> conn
        .preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("zes.migrations." + schema))
        .compose(v -> conn.query("CREATE SCHEMA IF NOT EXISTS " + quoted(schema)
            + "; CREATE TABLE IF NOT EXISTS " + quoted(schema) + ".schema_version ("
            + "version int PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
            .execute())
        .compose(v -> conn.query("SELECT version, checksum FROM " + quoted(schema) + ".schema_version ORDER BY version")
            .execute())
        .compose(rows -> {
          List<Script> pending = new ArrayList<>();
          int i = 0;
          for (Row row : rows) {
            int version = row.getInteger("version");
            if (i >= scripts.size() || scripts.get(i).version() != version) {
              return Future.failedFuture(new IllegalStateException(
                  "schema " + schema + " has version " + version + " that this build does not know"));
            }
            if (!scripts.get(i).checksum().equals(row.getString("checksum"))) {
              return Future.failedFuture(new IllegalStateException(
                  "db/" + schema + "/V" + version + ".sql changed after it was applied"));
            }
            i++;
          }
          pending.addAll(scripts.subList(i, scripts.size()));
          return applyInOrder(conn, schema, pending).map(pending.size());
        }))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("schema {}: applied {} migration(s), now at version {}", schema, n, scripts.size());
          }
        });
  }

  private static Future<Void> applyInOrder(SqlConnection conn, String schema, List<Script> pending) {
    Future<Void> chain = Future.succeededFuture();
    for (Script script : pending) {
      chain = chain
          .compose(v -> conn.query("SET LOCAL search_path TO " + quoted(schema) + "; " + script.sql()).execute())
          .compose(v -> conn.preparedQuery("INSERT INTO " + quoted(schema) + ".schema_version (version, checksum) VALUES ($1, $2)")
              .execute(Tuple.of(script.version(), script.checksum())))
          .mapEmpty();
    }
    return chain;
  }

  public static List<Script> load(String schema) {
    List<Script> scripts = new ArrayList<>();
    ClassLoader loader = Migrations.class.getClassLoader();
    for (int version = 1; ; version++) {
      try (InputStream in = loader.getResourceAsStream("db/" + schema + "/V" + version + ".sql")) {
        if (in == null) {
          return scripts;
        }
        String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        scripts.add(new Script(version, sql, sha256(sql)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String quoted(String identifier) {
    if (!identifier.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("schema name: " + identifier);
    }
    return identifier;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
