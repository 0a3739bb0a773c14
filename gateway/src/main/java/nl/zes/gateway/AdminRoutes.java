package nl.zes.gateway;

import io.vertx.ext.web.Router;

/** The public API's admin endpoints (see API.md). */
final class AdminRoutes implements ApiRoutes {

  @Override
  public void mount(Router api, ServiceCall services) {
  }
}
