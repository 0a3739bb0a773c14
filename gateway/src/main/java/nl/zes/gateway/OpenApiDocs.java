package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Self-description: {@code GET /openapi.yaml} (docs/openapi.yaml, copied into the jar at build time) and Swagger
 * UI at {@code GET /docs} from the swagger-ui WebJar, so it works offline.
 */
final class OpenApiDocs {

  static final String SPEC_RESOURCE = "public/openapi.yaml";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

  private OpenApiDocs() {
  }

  static Future<Void> mount(Vertx vertx, Router router) {
    return Future.all(vertx.fileSystem().readFile(SPEC_RESOURCE), vertx.fileSystem().readFile("swagger/index.html"),
            vertx.fileSystem().readFile("swagger/swagger-initializer.js"))
        .map(all -> {
          Buffer spec = all.resultAt(0);
          Buffer page = all.resultAt(1);
          Buffer initializer = all.resultAt(2);
          router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(spec));
          router.getWithRegex("/docs/?(index\\.html)?").handler(ctx -> ctx.response()
              .putHeader("Content-Type", "text/html; charset=utf-8").end(page));
          router.get("/docs/swagger-initializer.js").handler(ctx -> ctx.response()
              .putHeader("Content-Type", "text/javascript; charset=utf-8").end(initializer));
          router.get("/docs/*").handler(StaticHandler.create(WEBJAR + swaggerUiVersion()));
          return null;
        });
  }

  private static String swaggerUiVersion() {
    try (InputStream in = OpenApiDocs.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui WebJar is not on the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
