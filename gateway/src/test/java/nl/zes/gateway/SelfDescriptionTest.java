package nl.zes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docs/openapi.yaml, the permission table and the routes agree; the document and Swagger UI are served offline. */
@ExtendWith(ZesInfraExtension.class)
class SelfDescriptionTest {

  private static GatewayFixture gw;
  private static final OpenApiSpec SPEC = OpenApiSpec.load();

  @BeforeAll
  static void start(TestInfra infra) {
    gw = GatewayFixture.start(infra, Map.of());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void thePermissionTableIsTheDocumentsRolesMediaTypesAndTenancy() {
    Set<String> documented = SPEC.apiOperations().stream()
        .map(op -> op.method() + " " + op.path() + " " + op.roles().stream().sorted().toList() + " " + op.requestMediaTypes().stream().sorted().toList()
            + " scoped=" + (op.queryParameters().contains("municipality") && op.roles().contains("municipality")))
        .collect(Collectors.toSet());
    Set<String> table = RoutePermissions.ENDPOINTS.stream()
        .map(e -> e.method().name() + " " + e.path() + " " + e.roles().stream().map(Role::wire).sorted().toList() + " "
            + e.consumes().stream().sorted().toList() + " scoped=" + e.municipalityScoped())
        .collect(Collectors.toSet());
    assertThat(table).containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void everyRoutedApiPathIsDocumented() {
    List<String> undocumented = new ArrayList<>();
    for (Route route : gw.gateway().apiRouter().getRoutes()) {
      if (route.getPath() == null) {
        continue;
      }
      Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty() ? Set.of(HttpMethod.GET) : route.methods();
      for (HttpMethod method : methods) {
        if (RoutePermissions.find(method, samplePath(route.getPath())).isEmpty()) {
          undocumented.add(method + " " + route.getPath());
        }
      }
    }
    assertThat(undocumented).isEmpty();
  }

  @Test
  void everyDocumentedEndpointIsRouted() {
    List<String> unrouted = new ArrayList<>();
    for (OpenApiSpec.Operation op : SPEC.apiOperations()) {
      boolean routed = gw.gateway().apiRouter().getRoutes().stream().anyMatch(route -> route.getPath() != null
          && route.getPath().replaceAll(":[^/]+", "x1").equals(op.samplePath())
          && (route.methods() == null || route.methods().isEmpty() || route.methods().contains(HttpMethod.valueOf(op.method()))));
      if (!routed) {
        unrouted.add(op.method() + " " + op.path());
      }
    }
    for (OpenApiSpec.Operation op : SPEC.publicOperations()) {
      int status = gw.send(HttpMethod.valueOf(op.method()), op.path(), null).statusCode();
      if (status == 404 || status == 405 || status == 401) {
        unrouted.add(op.method() + " " + op.path() + " → " + status);
      }
    }
    assertThat(unrouted).isEmpty();
  }

  @Test
  void theDocumentIsServedAsItIsInDocs() throws IOException {
    HttpResponse<Buffer> response = gw.send(HttpMethod.GET, "/openapi.yaml", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/yaml");
    assertThat(response.body().getBytes()).isEqualTo(Files.readAllBytes(Path.of("..", "docs", "openapi.yaml")));
  }

  @Test
  void swaggerUiIsServedFromTheWebJarAndLoadsTheDocument() {
    for (String path : List.of("/docs", "/docs/")) {
      HttpResponse<Buffer> page = gw.send(HttpMethod.GET, path, null);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.getHeader("Content-Type")).startsWith("text/html");
      assertThat(page.bodyAsString()).contains("/docs/swagger-ui-bundle.js").doesNotContain("http://").doesNotContain("https://");
    }
    HttpResponse<Buffer> bundle = gw.send(HttpMethod.GET, "/docs/swagger-ui-bundle.js", null);
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.body().length()).isGreaterThan(100_000);
    assertThat(gw.send(HttpMethod.GET, "/docs/swagger-ui.css", null).statusCode()).isEqualTo(200);
    assertThat(gw.send(HttpMethod.GET, "/docs/swagger-initializer.js", null).bodyAsString()).contains("url: \"/openapi.yaml\"");
  }

  private static String samplePath(String vertxPath) {
    return vertxPath.replaceAll(":[^/]+", "x1");
  }
}
