package nl.zes.gateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The reporting dashboard (API.md: {@code GET /}): a static page, public like its files, that asks its user for an
 * API key and calls the report endpoints with it. ECharts comes from its WebJar on the classpath, so the page works
 * offline and loads nothing from another host.
 */
public final class DashboardRoutes {

  static final String WEBROOT = "webroot/dashboard";
  private static final String ECHARTS = "META-INF/resources/webjars/echarts/";
  private static final String ECHARTS_VERSION = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  private DashboardRoutes() {
  }

  /** Mounts {@code GET /} and {@code /dashboard/*} on the root router. */
  public static void mount(Router root) {
    root.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .sendFile(WEBROOT + "/index.html"));
    root.get("/dashboard/lib/*").handler(StaticHandler.create(ECHARTS + echartsVersion() + "/dist"));
    root.get("/dashboard/*").handler(StaticHandler.create(WEBROOT));
  }

  private static String echartsVersion() {
    try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(ECHARTS_VERSION)) {
      if (in == null) {
        throw new IllegalStateException("the ECharts WebJar is not on the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
