package nl.zes.reporting;

import nl.zes.common.ServiceLauncher;

/** Runs the reporting-service as its own process. */
public final class ReportingMain {

  private ReportingMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.launch(args, ReportingVerticle::new);
  }
}
