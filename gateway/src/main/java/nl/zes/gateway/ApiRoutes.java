package nl.zes.gateway;

import io.vertx.ext.web.Router;

/** One service's part of the public API, mounted under {@code /api/v1}. Role checks are not here: see {@code RoutePermissions}. */
public interface ApiRoutes {

  void mount(Router api, ServiceCall services);
}
