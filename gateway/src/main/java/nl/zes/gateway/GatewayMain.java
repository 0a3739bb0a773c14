package nl.zes.gateway;

import nl.zes.common.ServiceLauncher;

/** Runs the gateway as its own process. */
public final class GatewayMain {

  private GatewayMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.launch(args, GatewayVerticle::new, Metrics::vertxBuilder);
  }
}
