package nl.zes.passage;

import nl.zes.common.ServiceLauncher;

/** Runs the passage-service as its own process. */
public final class PassageMain {

  private PassageMain() {
  }

  public static void main(String[] args) {
    ServiceLauncher.launch(args, PassageVerticle::new);
  }
}
