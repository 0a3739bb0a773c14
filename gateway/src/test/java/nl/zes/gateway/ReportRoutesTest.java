package nl.zes.gateway;

import static nl.zes.gateway.ReportSuite.application;
import static nl.zes.gateway.ReportSuite.dayExemption;
import static nl.zes.gateway.ReportSuite.passage;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The report endpoints through the gateway: JSON as the service answers, CSV of the same numbers, problems. */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class ReportRoutesTest {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String PERIOD = "?from=2025-11-01&to=2025-12-31";
  private static boolean fed;
  private int port;
  private WebClient client;

  @BeforeEach
  void deploy(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    client = WebClient.create(vertx);
    ReportSuite.deploy(vertx, infra)
        .compose(p -> {
          port = p;
          return fed ? Future.succeededFuture() : Await.blocking(vertx, () -> ReportSuite.feed(infra, List.of(
              passage("p1", "GM0363", "2025-11-03T09:00:00+01:00", "ALLOWED", "ZERO_EMISSION", "VAN"),
              passage("p2", "GM0363", "2025-11-03T09:05:00+01:00", "FINE", "NONE", "TRUCK"),
              passage("p3", "GM0599", "2025-12-03T09:05:00+01:00", "WARNING", "NONE", "VAN"),
              passage("p4", "GM0599", "2025-12-03T09:06:00+01:00", "ALLOWED", "EXEMPTION", "VAN")), List.of(
              application("e1", "HARDSHIP", "LOCAL", "2025-11-04T10:00:00+01:00", "GRANTED"),
              application("e2", "PRIVATE_USE", "NATIONAL", "2025-12-04T10:00:00+01:00", "PENDING"),
              dayExemption("d1", "GM0363", "2025-12-24"))));
        })
        .compose(v -> {
          fed = true;
          return Await.until(vertx, () -> get("/reports/monitoring" + PERIOD, "application/json"),
              r -> r.statusCode() == 200 && r.bodyAsJsonObject().getJsonObject("enforcement")
                  .getJsonObject("totals").getLong("warnings") == 1
                  && r.bodyAsJsonObject().getJsonObject("dayExemptions").getJsonArray("perMunicipality").size() == 1
                  && r.bodyAsJsonObject().getJsonObject("exemptions").getLong("national") == 1,
              BOUND);
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void complianceAsJsonAndAsCsvCarryTheSameNumbers(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> json = get("/reports/compliance" + PERIOD, "application/json");
    Future<HttpResponse<Buffer>> csv = get("/reports/compliance" + PERIOD, "text/csv");
    Future.all(json, csv).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertThat(json.result().getHeader("Content-Type")).startsWith("application/json");
      JsonArray rows = json.result().bodyAsJsonObject().getJsonArray("municipalities");
      assertThat(rows).hasSize(2);
      assertThat(csv.result().statusCode()).isEqualTo(200);
      assertThat(csv.result().getHeader("Content-Type")).startsWith("text/csv");
      List<CSVRecord> records = parse(csv.result().bodyAsString());
      assertThat(records.get(0).toList()).containsExactly("code", "name", "passages", "allowed", "exempted",
          "warnings", "fines", "repeats", "notEnforceable", "unresolved", "complianceRate");
      assertThat(records).hasSize(3);
      for (int i = 0; i < rows.size(); i++) {
        JsonObject row = rows.getJsonObject(i);
        CSVRecord record = records.get(i + 1);
        assertThat(record.get(0)).isEqualTo(row.getString("code"));
        assertThat(Long.parseLong(record.get(2))).isEqualTo(row.getLong("passages"));
        assertThat(Long.parseLong(record.get(6))).isEqualTo(row.getLong("fines"));
        assertThat(Double.parseDouble(record.get(10))).isEqualTo(row.getDouble("complianceRate"));
      }
      ctx.completeNow();
    })));
  }

  @Test
  void everyReportHasItsCsvTableAndMonitoringHasAllFourInOrder(VertxTestContext ctx) {
    List<String> reports = List.of("enforcement", "exemptions", "day-exemptions", "monitoring");
    List<Future<HttpResponse<Buffer>>> answers = reports.stream()
        .map(r -> get("/reports/" + r + PERIOD, "text/csv")).toList();
    Future.all(answers).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      List<CSVRecord> enforcement = parse(answers.get(0).result().bodyAsString());
      assertThat(enforcement.get(0).toList()).containsExactly("municipality", "name", "month", "warnings", "fines",
          "fineAmountEur");
      assertThat(enforcement.get(1).toList()).containsExactly("GM0363", "GM0363", "2025-11", "0", "1", "310");
      List<CSVRecord> exemptions = parse(answers.get(1).result().bodyAsString());
      assertThat(exemptions).anySatisfy(r -> assertThat(r.toList()).containsExactly("byType", "HARDSHIP", "1", "0.5"));
      assertThat(exemptions).anySatisfy(r -> assertThat(r.toList())
          .containsExactly("applicationsPerMonth", "2025-12", "1", ""));
      List<CSVRecord> days = parse(answers.get(2).result().bodyAsString());
      assertThat(days).anySatisfy(r -> assertThat(r.toList()).containsExactly("perMonth", "2025-12", "", "1"));
      List<String> sections = new ArrayList<>();
      for (CSVRecord record : parse(answers.get(3).result().bodyAsString())) {
        if (record.size() == 1 && !record.get(0).isEmpty()) {
          sections.add(record.get(0));
        }
      }
      assertThat(sections).containsExactly("compliance", "enforcement", "exemptions", "dayExemptions");
      ctx.completeNow();
    })));
  }

  @Test
  void badParametersAndUnacceptableTypesAreProblems(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> reversed = get("/reports/compliance?from=2025-12-01&to=2025-11-01", "application/json");
    Future<HttpResponse<Buffer>> malformed = get("/reports/exemptions?from=2025-1-01&to=2025-11-01", "text/csv");
    Future<HttpResponse<Buffer>> xml = get("/reports/compliance" + PERIOD, "application/xml");
    Future.all(reversed, malformed, xml).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertThat(reversed.result().statusCode()).isEqualTo(422);
      assertThat(reversed.result().getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(reversed.result().bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("from");
      assertThat(malformed.result().statusCode()).isEqualTo(400);
      assertThat(malformed.result().bodyAsJsonObject().getString("detail")).contains("from");
      assertThat(xml.result().statusCode()).isEqualTo(406);
      assertThat(xml.result().getHeader("Content-Type")).isEqualTo("application/problem+json");
      ctx.completeNow();
    })));
  }

  private Future<HttpResponse<Buffer>> get(String path, String accept) {
    return client.get(port, "127.0.0.1", "/api/v1" + path).putHeader("Accept", accept)
        .putHeader("Authorization", "Bearer " + ReportSuite.ADMIN_KEY).send();
  }

  private static List<CSVRecord> parse(String text) throws IOException {
    try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
      return parser.getRecords();
    }
  }
}
