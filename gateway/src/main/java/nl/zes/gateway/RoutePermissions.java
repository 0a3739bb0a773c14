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

    boolean matches(List<String> segments) {
      List<String> template = segments(path);
      if (template.size() != segments.size()) {
        return false;
      }
      for (int i = 0; i < template.size(); i++) {
        String part = template.get(i);
        boolean parameter = part.startsWith("{");
        if (parameter ? segments.get(i).isEmpty() : !part.equals(segments.get(i))) {
          return false;
        }
      }
      return true;
    }

    /** Literal segments win over parameters: {@code /exemptions/status} before {@code /exemptions/{id}}. */
    int literalSegments() {
      return (int) segments(path).stream().filter(part -> !part.startsWith("{")).count();
    }

    /** True when the body must be one JSON object, which the gateway then checks before routing. */
    public boolean jsonObjectBody() {
      return consumes.equals(List.of(JSON));
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

  private RoutePermissions() {
  }

  /** The endpoints whose template matches this path (relative to {@code /api/v1}), most specific first. */
  public static List<Endpoint> forPath(String path) {
    List<String> segments = segments(path);
    return ENDPOINTS.stream().filter(e -> e.matches(segments))
        .sorted(Comparator.comparingInt(Endpoint::literalSegments).reversed())
        .toList();
  }

  /** The endpoint for this method and path; empty when the path is unknown or the method is not allowed on it. */
  public static Optional<Endpoint> find(HttpMethod method, String path) {
    List<Endpoint> candidates = forPath(path);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    // The most specific template decides which resource this is; only its methods apply.
    String resource = candidates.get(0).path();
    return candidates.stream().filter(e -> e.path().equals(resource) && e.method().equals(method)).findFirst();
  }

  /** The methods allowed on the most specific resource matching this path (for a 405's {@code Allow}). */
  public static String allowedMethods(String path) {
    List<Endpoint> candidates = forPath(path);
    if (candidates.isEmpty()) {
      return "";
    }
    String resource = candidates.get(0).path();
    return candidates.stream().filter(e -> e.path().equals(resource)).map(e -> e.method().name())
        .collect(Collectors.joining(", "));
  }

  private static List<String> segments(String path) {
    return List.of(path.split("/", -1));
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
