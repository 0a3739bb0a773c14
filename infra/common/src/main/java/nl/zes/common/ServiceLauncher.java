package nl.zes.common;

import io.vertx.core.Deployable;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import java.util.function.Supplier;
import nl.zes.common.config.ConfigException;

/**
 * Runs one service as its own process through Vert.x's application launcher (SIGTERM undeploys it, which
 * drains it). Configuration is read first: a bad value stops the process with one line naming the variable.
 */
public final class ServiceLauncher {

  private ServiceLauncher() {
  }

  public static void launch(String[] args, Supplier<? extends Deployable> mainVerticle) {
    Deployable verticle;
    try {
      verticle = mainVerticle.get();
    } catch (ConfigException e) {
      System.err.println("zes: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    new VertxApplication(args, new VertxApplicationHooks() {
      @Override
      public Supplier<? extends Deployable> verticleSupplier() {
        return () -> verticle;
      }
    }).launch();
  }
}
