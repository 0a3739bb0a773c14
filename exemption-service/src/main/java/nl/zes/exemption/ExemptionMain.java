package nl.zes.exemption;

import nl.zes.common.ServiceLauncher;

/** Runs the exemption-service as its own process. */
public final class ExemptionMain {

  private ExemptionMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.launch(args, ExemptionVerticle::new);
  }
}
