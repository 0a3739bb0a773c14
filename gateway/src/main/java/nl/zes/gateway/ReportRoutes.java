package nl.zes.gateway;

import io.vertx.ext.web.Router;

/** The public API's report endpoints (see API.md). */
final class ReportRoutes implements ApiRoutes {

  @Override
  public void mount(Router api, ServiceCall services) {
  }
}
