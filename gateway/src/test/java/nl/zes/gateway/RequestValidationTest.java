package nl.zes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import nl.zes.common.problem.Problem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests against docs/openapi.yaml: which problem (if any) each gets, without a server. */
class RequestValidationTest {

  private static Vertx vertx;
  private static RequestValidation validation;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    validation = RequestValidation.load(vertx).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void validRequestsPass() {
    assertThat(check(HttpMethod.POST, "/admin/api-keys", "", "{\"role\":\"municipality\",\"name\":\"x\",\"municipality\":\"GM0363\"}")).isNull();
    assertThat(check(HttpMethod.GET, "/access", "plate=ab-12&municipality=GM0363&at=2026-03-02T10:00:00+01:00", null)).isNull();
    assertThat(check(HttpMethod.GET, "/violations", "from=2025-01-01&to=2025-01-31&limit=1000&cursor=-12", null)).isNull();
    assertThat(check(HttpMethod.GET, "/municipalities", "", null)).isNull();
    assertThat(check(HttpMethod.POST, "/passages", "", null)).as("a multi-format body is the route's business").isNull();
  }

  @Test
  void bodyFieldsBreakingTheSchemaAre400ValidationNamingEachField() {
    assertFields(check(HttpMethod.POST, "/admin/api-keys", "", "{\"role\":\"superuser\",\"name\":\" \"}"), "role", "name");
    assertFields(check(HttpMethod.POST, "/admin/api-keys", "", "{\"role\":\"municipality\",\"name\":\"x\"}"), "municipality");
    assertFields(check(HttpMethod.POST, "/admin/api-keys", "", "{\"role\":1,\"name\":[],\"municipality\":\"0363\"}"),
        "role", "municipality", "name");
    assertFields(check(HttpMethod.PUT, "/municipalities/gm1", "",
        "{\"name\":\"x\",\"zones\":[{\"id\":\"\",\"start\":\"2025-02-30\"}],\"enforcementStart\":\"x\"}"),
        "code", "zones[0].name", "zones[0].id", "zones[0].start", "enforcementStart");
    Problem exemption = check(HttpMethod.POST, "/exemptions", "",
        "{\"plate\":\"x\",\"type\":\"NOPE\",\"applicant\":{},\"requestedFrom\":\"2026-01-01\",\"municipalities\":[]}");
    assertFields(exemption, "type", "municipalities", "applicant.name");
    assertThat(exemption.errors().getJsonObject(2).getString("message")).isEqualTo("is required");
  }

  @Test
  void parametersBreakingTheSchemaAre400ValidationNamingEachParameter() {
    Problem violations = check(HttpMethod.GET, "/violations", "from=2025-13-01&limit=1001&kind=REPEAT", null);
    assertFields(violations, "from", "to", "kind", "limit");
    assertThat(violations.detail()).contains("from: must be a date YYYY-MM-DD", "limit: must be at most 1000", "WARNING, FINE");
    assertFields(check(HttpMethod.GET, "/day-exemptions", "plate=AB&municipality=GM0363&year=abc", null), "year");
    assertFields(check(HttpMethod.GET, "/access", "plate=AB&municipality=GM0363&at=2026-03-02T10:00:00 01:00", null), "at");
    assertFields(check(HttpMethod.POST, "/vehicles/import", "dataset=trucks", null), "dataset");
    assertFields(check(HttpMethod.GET, "/passages/" + "x".repeat(65), "", null), "id");
    assertFields(check(HttpMethod.GET, "/reports/compliance", "from=2025-01-01&to=2025-01-31&municipality=GM0363&municipality=x", null),
        "municipality");
  }

  @Test
  void aBodyThatIsNotOneJsonObjectIsMalformed() {
    for (String body : new String[] {"[]", "null", "\"text\"", "{\"role\":", "{} {}"}) {
      Problem problem = check(HttpMethod.POST, "/admin/api-keys", "", body);
      assertThat(problem.status()).as(body).isEqualTo(400);
      assertThat(problem.type()).as(body).isEqualTo("/problems/malformed-request");
    }
  }

  private static void assertFields(Problem problem, String... fields) {
    assertThat(problem).isNotNull();
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.type()).isEqualTo("/problems/validation");
    assertThat(problem.errors().stream().map(e -> ((JsonObject) e).getString("field"))).containsExactly(fields);
  }

  private static Problem check(HttpMethod method, String path, String query, String body) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        String[] kv = pair.split("=", 2);
        params.add(kv[0], kv[1]);
      }
    }
    RoutePermissions.Endpoint endpoint = RoutePermissions.find(method, path).orElseThrow();
    return validation.check(endpoint, path, params, () -> body == null ? null : (JsonObject) Json.decodeValue(body));
  }
}
