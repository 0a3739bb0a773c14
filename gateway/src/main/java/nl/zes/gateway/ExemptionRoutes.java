package nl.zes.gateway;

import io.vertx.ext.web.Router;

/** The public API's exemption endpoints (see API.md). */
final class ExemptionRoutes implements ApiRoutes {

  @Override
  public void mount(Router api, ServiceCall services) {
  }
}
