package nl.zes.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole suite in one Vert.x instance: readiness follows Kafka down and back up without a restart of ZES. */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class SuiteReadinessTest {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private SuiteUnderTest suite;

  @BeforeEach
  void deploy(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    suite = new SuiteUnderTest(vertx, infra);
    suite.deploy().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void readyIs200WhenAllIsUpAnd503NamingKafkaWhileKafkaIsDown(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    Await.until(vertx, () -> ready(client), r -> r.statusCode() == 200, BOUND)
        .compose(up -> {
          ctx.verify(() -> assertThat(up.bodyAsJsonObject().getJsonArray("checks")).hasSize(4));
          return Await.blocking(vertx, () -> {
            infra.kafka().stop();
            return null;
          });
        })
        .compose(v -> Await.until(vertx, () -> ready(client), r -> r.statusCode() == 503, BOUND))
        .compose(down -> {
          ctx.verify(() -> {
            JsonObject body = down.bodyAsJsonObject();
            assertThat(body.getString("status")).isEqualTo("DOWN");
            assertThat(body.encode()).contains("{\"id\":\"kafka\",\"status\":\"DOWN\"");
            assertThat(body.encode()).contains("{\"id\":\"postgresql\",\"status\":\"UP\"}");
          });
          return Await.blocking(vertx, () -> {
            infra.kafka().restart();
            return null;
          });
        })
        .compose(v -> Await.until(vertx, () -> ready(client), r -> r.statusCode() == 200, BOUND))
        .eventually(() -> Await.blocking(vertx, () -> {
          infra.kafka().restart();
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void livenessAnswersWithoutAnyDependency(Vertx vertx, VertxTestContext ctx) {
    WebClient.create(vertx).get(suite.httpPort(), "127.0.0.1", "/health/live").send()
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
          ctx.completeNow();
        })));
  }

  private Future<HttpResponse<Buffer>> ready(WebClient client) {
    return client.get(suite.httpPort(), "127.0.0.1", "/health/ready").send();
  }
}
