package nl.zes.devstack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import nl.zes.exemption.ExemptionConfig;
import nl.zes.exemption.ExemptionVerticle;
import nl.zes.gateway.GatewayConfig;
import nl.zes.gateway.GatewayVerticle;
import nl.zes.passage.PassageConfig;
import nl.zes.passage.PassageVerticle;
import nl.zes.reporting.ReportingConfig;
import nl.zes.reporting.ReportingVerticle;
import nl.zes.testkit.TestInfra;

/** All four services deployed in one Vert.x instance against the test kit's servers, the gateway on a free port. */
final class SuiteUnderTest {

  static final String ADMIN_KEY = "zes_test_admin_key_0123456789abcdef";

  private final Vertx vertx;
  private final TestInfra infra;
  private GatewayVerticle gateway;

  SuiteUnderTest(Vertx vertx, TestInfra infra) {
    this.vertx = vertx;
    this.infra = infra;
  }

  Future<Void> deploy() {
    Map<String, String> env = infra.env();
    env.put("ZES_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
    gateway = new GatewayVerticle(GatewayConfig.fromEnv(env));
    return vertx.deployVerticle(new ExemptionVerticle(ExemptionConfig.fromEnv(env)))
        .compose(id -> vertx.deployVerticle(new PassageVerticle(PassageConfig.fromEnv(env))))
        .compose(id -> vertx.deployVerticle(new ReportingVerticle(ReportingConfig.fromEnv(env))))
        .compose(id -> vertx.deployVerticle(gateway))
        .mapEmpty();
  }

  int httpPort() {
    return gateway.actualPort();
  }
}
