package nl.zes.exemption.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.Topics;
import nl.zes.common.messages.ExemptionChanged;
import nl.zes.common.problem.Problem;
import nl.zes.exemption.ExemptionConfig;
import nl.zes.exemption.ExemptionVerticle;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every change reaches {@code zes.exemptions.changed.v1} through the outbox, also after Kafka was down a while. */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class ExemptionOutboxTest {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private final List<ExemptionChanged> received = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private Bus bus;
  private ExemptionConfig config;

  @BeforeEach
  void deploy(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    bus = new Bus(vertx);
    config = ExemptionConfig.fromEnv(infra.env());
    vertx.deployVerticle(new ExemptionVerticle(config)).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void changesWaitWhileKafkaIsDownAndGoOutInOrderWhenItReturns(Vertx vertx, TestInfra infra) {
    String id = bus.call(Addresses.EXEMPTIONS_CREATE, application("BB0101")).getString("id");
    Await.until(vertx, () -> vertx.executeBlocking(() ->
            infra.psql("SELECT count(*) FROM exemptions.outbox WHERE published_at IS NULL").trim()),
        "0"::equals, BOUND).await();
    // Subscribed once the publisher has created the topic, reading it from the start.
    KafkaConsumer<String, String> consumer = KafkaConsumer.create(vertx, config.kafka().consumer("outbox-test"));
    consumer.handler(record -> {
      keys.add(record.key());
      received.add(ExemptionChanged.fromJson(new JsonObject(record.value())));
    });
    consumer.subscribe(config.kafka().topic(Topics.EXEMPTIONS_CHANGED)).await();
    Await.until(vertx, () -> io.vertx.core.Future.succeededFuture(keys.contains("BB0101")), found -> found, BOUND)
        .await();
    ExemptionChanged pending = received.get(keys.indexOf("BB0101"));
    assertThat(pending.kind()).isEqualTo(ExemptionChanged.EXEMPTION);
    assertThat(pending.id()).isEqualTo(id);
    assertThat(pending.status()).isEqualTo("PENDING");
    int before = received.size();

    Await.blocking(vertx, () -> {
      infra.kafka().stop();
      return null;
    }).await();
    try {
      bus.call(Addresses.EXEMPTIONS_DECIDE, new JsonObject().put("id", id).put("outcome", "GRANTED"));
      bus.call(Addresses.EXEMPTIONS_DAY_CREATE, new JsonObject().put("plate", "BB0102").put("municipality", "GM0363")
          .put("date", "2099-03-04"));
      assertThat(infra.psql("SELECT count(*) FROM exemptions.outbox WHERE published_at IS NULL").trim())
          .isEqualTo("2");
    } finally {
      Await.blocking(vertx, () -> {
        infra.kafka().restart();
        return null;
      }).await();
    }
    Await.until(vertx, () -> io.vertx.core.Future.succeededFuture(received.size()), n -> n >= before + 2, BOUND)
        .await();
    ExemptionChanged granted = received.stream().filter(e -> id.equals(e.id()) && e.version() == 2).findFirst()
        .orElseThrow();
    assertThat(granted.status()).isEqualTo("GRANTED");
    assertThat(granted.validUntil()).isEqualTo("2030-01-01");
    ExemptionChanged day = received.stream().filter(e -> ExemptionChanged.DAY_EXEMPTION.equals(e.kind()))
        .findFirst().orElseThrow();
    assertThat(day.municipality()).isEqualTo("GM0363");
    assertThat(day.date()).isEqualTo("2099-03-04");
    Await.until(vertx, () -> vertx.executeBlocking(() ->
            infra.psql("SELECT count(*) FROM exemptions.outbox WHERE published_at IS NULL").trim()),
        "0"::equals, BOUND).await();
  }

  @Test
  void postgresDownAnswers503AndWritesNothing(Vertx vertx, TestInfra infra) {
    Await.blocking(vertx, () -> {
      infra.postgres().stop();
      return null;
    }).await();
    Problem down;
    try {
      down = bus.problem(Addresses.EXEMPTIONS_CREATE, application("BB0103"));
    } finally {
      Await.blocking(vertx, () -> {
        infra.postgres().restart();
        return null;
      }).await();
    }
    assertThat(down.status()).isEqualTo(503);
    assertThat(infra.psql("SELECT count(*) FROM exemptions.exemption WHERE plate = 'BB0103'").trim()).isEqualTo("0");
    Await.until(vertx, () -> bus.send(Addresses.EXEMPTIONS_CREATE, application("BB0103"), "loket", null),
        reply -> reply.body().getString("id") != null, BOUND).await();
  }

  private static JsonObject application(String plate) {
    return new JsonObject().put("plate", plate).put("type", "PRIVATE_USE")
        .put("applicant", new JsonObject().put("name", "Bakkerij Jansen")).put("requestedFrom", "2025-09-01");
  }
}
