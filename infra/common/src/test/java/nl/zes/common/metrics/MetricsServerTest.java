package nl.zes.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.zes.common.config.ConfigException;
import nl.zes.common.config.Env;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private static Vertx vertx;
  private static HttpClient client;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = ProcessMetrics.vertxBuilder(new VertxOptions()).build();
    HttpServer server = MetricsServer.start(vertx, new MetricsServer.Config("127.0.0.1", 0))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = server.actualPort();
    client = vertx.createHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void servesTheServiceMetersAndTheVertxMetricsOfItsProcess() throws Exception {
    Metrics.counter("zes_test_things", "kind", "sample").increment(3);
    String body = get(HttpMethod.GET, "/metrics").body().toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).toString();
    assertThat(body).contains("zes_test_things_total{kind=\"sample\"} 3.0").contains("vertx_http_server_");
  }

  @Test
  void answersNothingElse() throws Exception {
    assertThat(get(HttpMethod.GET, "/").statusCode()).isEqualTo(404);
    HttpClientResponse post = get(HttpMethod.POST, "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.getHeader("Allow")).isEqualTo("GET");
  }

  @Test
  void isConfiguredByTheEnvironment() {
    assertThat(MetricsServer.Config.fromEnv(Env.of(Map.of()))).isNull();
    assertThat(MetricsServer.Config.fromEnv(Env.of(Map.of("ZES_METRICS_PORT", "9464"))))
        .isEqualTo(new MetricsServer.Config("127.0.0.1", 9464));
    assertThat(MetricsServer.Config.fromEnv(Env.of(Map.of("ZES_METRICS_PORT", "9464", "ZES_METRICS_HOST", "0.0.0.0"))))
        .isEqualTo(new MetricsServer.Config("0.0.0.0", 9464));
    assertThatThrownBy(() -> MetricsServer.Config.fromEnv(Env.of(Map.of("ZES_METRICS_PORT", "none"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ZES_METRICS_PORT");
  }

  private static HttpClientResponse get(HttpMethod method, String path) throws Exception {
    return client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path))
        .compose(request -> request.send())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
