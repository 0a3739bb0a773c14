package nl.zes.gateway;

import io.vertx.ext.web.Router;

/** One service's part of the public API, mounted under {@code /api/v1}. Role checks are not here: see {@code RoutePermissions}. */
public interface ApiRoutes {

  void mount(Router api, ServiceCall services);

  /**
   * Routes outside {@code /api/v1} (e.g. the dashboard at {@code GET /} and its static files). They need no key;
   * a page served here calls the API with a key its user gives it.
   */
  default void mountRoot(Router root) {
  }
}
