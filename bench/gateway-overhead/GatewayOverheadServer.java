import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.zes.common.bus.Addresses;
import nl.zes.common.bus.HandOverJsonCodec;
import nl.zes.embedded.LocalPostgres;
import nl.zes.gateway.GatewayConfig;
import nl.zes.gateway.GatewayVerticle;
import nl.zes.gateway.Metrics;

/**
 * The servers of bench/gateway.sh, in one JVM: the real GatewayVerticle in a Vert.x instance with metrics (as the
 * gateway runs in production) against an embedded PostgreSQL (its API-key table), whose
 * {@code exemptions.municipalities.list} address is answered at once by a consumer with a fixed list (on an event
 * loop of its own, as the exemption service's; {@code BENCH_EVENT_LOOPS=1} puts both on one thread); and a bare
 * Vert.x HTTP server (its own Vert.x instance, without metrics) answering the very bytes the gateway answers. Run
 * with the source launcher against the
 * devstack jar: {@code java -cp zes-devstack-runnable.jar GatewayOverheadServer.java DATA PG_PORT GW_PORT BARE_PORT KEY}.
 * Prints READY when both listen; stops on SIGTERM.
 */
public final class GatewayOverheadServer {

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int pgPort = Integer.parseInt(args[1]);
    int gatewayPort = Integer.parseInt(args[2]);
    int barePort = Integer.parseInt(args[3]);
    String adminKey = args[4];

    LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"), pgPort, false);
    postgres.createDatabase("zes");
    VertxOptions options = new VertxOptions();
    if (System.getenv("BENCH_EVENT_LOOPS") != null) {
      options.setEventLoopPoolSize(Integer.parseInt(System.getenv("BENCH_EVENT_LOOPS")));
    }
    Vertx vertx = Metrics.vertxBuilder(options).build();
    // the baseline pays for nothing the gateway does, metrics included: a Vert.x of its own without them
    Vertx bare = Vertx.vertx();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        bare.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // exiting anyway
      }
      postgres.close();
    }));

    // answers as the exemption service does: a list built for this reply, handed over without the bus's copy
    HandOverJsonCodec.register(vertx);
    vertx.eventBus().consumer(Addresses.EXEMPTIONS_MUNICIPALITIES,
        message -> message.reply(municipalities(), HandOverJsonCodec.handOver(new DeliveryOptions())));
    JsonObject municipalities = municipalities();
    Buffer same = municipalities.toBuffer();
    bare.createHttpServer().requestHandler(request -> request.response()
        .putHeader("content-type", "application/json").end(same)).listen(barePort, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);

    Map<String, String> env = Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(pgPort), "PGDATABASE", "zes",
        "PGUSER", LocalPostgres.USER, "ZES_HTTP_PORT", Integer.toString(gatewayPort),
        "ZES_BOOTSTRAP_ADMIN_KEY", adminKey,
        // the per-key rate limit (default 2,000/s) would answer 429s: this measures the path, not the limit
        "ZES_RATE_LIMIT_PER_SECOND", "1000000");
    vertx.deployVerticle(new GatewayVerticle(GatewayConfig.fromEnv(env))).await(120, TimeUnit.SECONDS);
    System.out.println("READY gateway http://127.0.0.1:" + gatewayPort + " bare http://127.0.0.1:" + barePort);
  }

  private static JsonObject municipalities() {
    JsonArray items = new JsonArray();
    for (String[] m : new String[][] {{"GM0363", "Amsterdam"}, {"GM0344", "Utrecht"}, {"GM0599", "Rotterdam"}}) {
      items.add(new JsonObject().put("code", m[0]).put("name", m[1]));
    }
    return new JsonObject().put("items", items);
  }
}
