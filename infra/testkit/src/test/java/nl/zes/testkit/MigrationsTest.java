package nl.zes.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import nl.zes.common.db.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class MigrationsTest {

  @Test
  void concurrentStartsApplyEachScriptOnceAndARerunAppliesNothing(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    List<Pool> pools = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pools.add(infra.pgConfig().pool(vertx, "sample"));
    }
    Future.all(pools.stream().map(p -> Migrations.apply(p, "sample")).toList())
        .compose(all -> Migrations.apply(pools.get(0), "sample"))
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertThat(again).isZero();
          assertThat(infra.psql("SELECT value FROM sample.counter").trim()).isEqualTo("1");
          assertThat(infra.psql("SELECT count(*) FROM sample.schema_version").trim()).isEqualTo("2");
          ctx.completeNow();
        })));
  }

  @Test
  void aChangedScriptIsRefused(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    Pool pool = infra.pgConfig().pool(vertx, "sample");
    Migrations.apply(pool, "sample")
        .compose(n -> {
          infra.psql("UPDATE sample.schema_version SET checksum = 'edited' WHERE version = 2");
          return Migrations.apply(pool, "sample");
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).hasMessageContaining("V2.sql changed after it was applied");
          infra.psql("UPDATE sample.schema_version SET checksum = '"
              + Migrations.load("sample").get(1).checksum() + "' WHERE version = 2");
          ctx.completeNow();
        })));
  }
}
