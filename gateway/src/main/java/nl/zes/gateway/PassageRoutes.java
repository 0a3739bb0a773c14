package nl.zes.gateway;

import io.vertx.ext.web.Router;

/** The public API's passage endpoints (see API.md). */
final class PassageRoutes implements ApiRoutes {

  @Override
  public void mount(Router api, ServiceCall services) {
  }
}
