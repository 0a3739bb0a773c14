package nl.zes.gateway;

import static nl.zes.gateway.Role.ADMIN;
import static nl.zes.gateway.Role.LOKET;
import static nl.zes.gateway.Role.MUNICIPALITY;
import static nl.zes.gateway.Role.REPORTING;

import io.vertx.core.http.HttpMethod;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call what: every endpoint of the public API under {@code /api/v1} (API.md, the {@code x-roles} of
 * docs/openapi.yaml) with its roles, whether a {@code municipality} query parameter is the caller's tenancy, and
 * the media types its body may have. A path that is not here is not served, whatever route a module adds.
 */
public final class RoutePermissions {

  public static final String JSON = "application/json";
  public static final String NDJSON = "application/x-ndjson";
  public static final String CSV = "text/csv";

  /** How the gateway takes a request body: not at all, buffered up to the configured limit, or left to the route to stream. */
  public enum Body { NONE, BUFFERED, STREAMED }

  /**
   * One endpoint. {@code path} is the OpenAPI template ({@code /exemptions/{id}}); {@code municipalityScoped}: a
   * municipality key may only give its own code in the {@code municipality} query parameter.
   */
  public record Endpoint(HttpMethod method, String path, Set<Role> roles, boolean municipalityScoped, Body body,
      List<String> consumes) {

    /** True when the body must be one JSON object, which the gateway then checks before routing. */
    public boolean jsonObjectBody() {
      return consumes.equals(List.of(JSON));
    }
  }

  /** An endpoint's template cut into segments once; a {@code null} segment is a parameter. */
  private record Template(Endpoint endpoint, String[] segments, int literals) {

    static Template of(Endpoint endpoint) {
      String[] segments = endpoint.path().split("/", -1);
      int literals = 0;
      for (int i = 0; i < segments.length; i++) {
        if (segments[i].startsWith("{")) {
          segments[i] = null;
        } else {
          literals++;
        }
      }
      return new Template(endpoint, segments, literals);
    }

    boolean matches(String[] path) {
      if (path.length != segments.length) {
        return false;
      }
      for (int i = 0; i < segments.length; i++) {
        if (segments[i] == null ? path[i].isEmpty() : !segments[i].equals(path[i])) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Set<Role> ANY = EnumSet.allOf(Role.class);
  private static final Set<Role> REPORT_READERS = EnumSet.of(REPORTING, ADMIN, MUNICIPALITY);

  public static final List<Endpoint> ENDPOINTS = List.of(
      post("/admin/api-keys", EnumSet.of(ADMIN), JSON),
      delete("/admin/api-keys/{id}", EnumSet.of(ADMIN)),
      get("/municipalities", ANY),
      body(HttpMethod.PUT, "/municipalities/{code}", EnumSet.of(ADMIN), Body.BUFFERED, JSON),
      body(HttpMethod.POST, "/vehicles/import", EnumSet.of(ADMIN), Body.STREAMED, CSV),
      get("/vehicles/{plate}", EnumSet.of(ADMIN, LOKET)),
      scoped("/access", EnumSet.of(ADMIN, LOKET, MUNICIPALITY)),
      post("/exemptions", EnumSet.of(LOKET), JSON),
      get("/exemptions", EnumSet.of(LOKET, ADMIN)),
      scoped("/exemptions/status", EnumSet.of(LOKET, ADMIN, MUNICIPALITY)),
      get("/exemptions/{id}", EnumSet.of(LOKET, ADMIN)),
      post("/exemptions/{id}/decision", EnumSet.of(LOKET), JSON),
      post("/exemptions/{id}/revocation", EnumSet.of(LOKET), JSON),
      post("/day-exemptions", EnumSet.of(LOKET), JSON),
      get("/day-exemptions", EnumSet.of(LOKET, ADMIN)),
      body(HttpMethod.POST, "/passages", EnumSet.of(MUNICIPALITY), Body.BUFFERED, JSON, NDJSON, CSV),
      get("/passages/{id}", EnumSet.of(MUNICIPALITY)),
      scoped("/violations", EnumSet.of(MUNICIPALITY, ADMIN)),
      scoped("/reports/compliance", REPORT_READERS),
      scoped("/reports/enforcement", REPORT_READERS),
      scoped("/reports/exemptions", REPORT_READERS),
      scoped("/reports/day-exemptions", REPORT_READERS),
      scoped("/reports/monitoring", REPORT_READERS));

  /** Most specific first: literal segments win over parameters ({@code /exemptions/status} before {@code /exemptions/{id}}). */
  private static final List<Template> TEMPLATES = ENDPOINTS.stream().map(Template::of)
      .sorted(Comparator.comparingInt(Template::literals).reversed()).toList();

  private RoutePermissions() {
  }

  /** The endpoint for this method and path (relative to {@code /api/v1}); empty when the path is unknown or the method is not allowed on it. */
  public static Optional<Endpoint> find(HttpMethod method, String path) {
    String resource = resource(path);
    if (resource == null) {
      return Optional.empty();
    }
    // The most specific template decides which resource this is; only its methods apply.
    for (Template template : TEMPLATES) {
      if (template.endpoint().path().equals(resource) && template.endpoint().method().equals(method)) {
        return Optional.of(template.endpoint());
      }
    }
    return Optional.empty();
  }

  /** The methods allowed on the most specific resource matching this path (for a 405's {@code Allow}). */
  public static String allowedMethods(String path) {
    String resource = resource(path);
    return resource == null ? "" : ENDPOINTS.stream().filter(e -> e.path().equals(resource)).map(e -> e.method().name())
        .collect(Collectors.joining(", "));
  }

  /** The template of the most specific resource matching this path, or null. */
  private static String resource(String path) {
    String[] segments = path.split("/", -1);
    for (Template template : TEMPLATES) {
      if (template.matches(segments)) {
        return template.endpoint().path();
      }
    }
    return null;
  }

  private static Endpoint get(String path, Set<Role> roles) {
    return new Endpoint(HttpMethod.GET, path, roles, false, Body.NONE, List.of());
  }

  private static Endpoint delete(String path, Set<Role> roles) {
    return new Endpoint(HttpMethod.DELETE, path, roles, false, Body.NONE, List.of());
  }

  private static Endpoint scoped(String path, Set<Role> roles) {
    return new Endpoint(HttpMethod.GET, path, roles, true, Body.NONE, List.of());
  }

  private static Endpoint post(String path, Set<Role> roles, String mediaType) {
    return body(HttpMethod.POST, path, roles, Body.BUFFERED, mediaType);
  }

  private static Endpoint body(HttpMethod method, String path, Set<Role> roles, Body body, String... mediaTypes) {
    return new Endpoint(method, path, roles, false, body, List.of(mediaTypes));
  }
}
