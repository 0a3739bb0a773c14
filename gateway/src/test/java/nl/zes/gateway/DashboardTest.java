package nl.zes.gateway;

import static nl.zes.gateway.ReportSuite.application;
import static nl.zes.gateway.ReportSuite.dayExemption;
import static nl.zes.gateway.ReportSuite.passage;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import nl.zes.testkit.Await;
import nl.zes.testkit.TestInfra;
import nl.zes.testkit.ZesInfraExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromedriver; Selenium never downloads a
 * driver): it loads, its charts show the API's numbers, the period picker changes them, the CSV download works,
 * and the browser logs no error. A screenshot is kept in {@code target/dashboard.png}.
 */
@ExtendWith({ZesInfraExtension.class, VertxExtension.class})
class DashboardTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final Path DOWNLOADS = Path.of("target", "dashboard-downloads").toAbsolutePath();

  private int port;
  private WebDriver driver;

  @BeforeEach
  void deploy(Vertx vertx, TestInfra infra, VertxTestContext ctx) {
    ReportSuite.deploy(vertx, infra)
        .compose(p -> {
          port = p;
          return Await.blocking(vertx, () -> ReportSuite.feed(infra, passages(), changes()));
        })
        .compose(v -> Await.until(vertx, () -> monitoring(vertx, "2025-11-01", "2026-01-31"),
            r -> r.getJsonObject("exemptions").getJsonObject("outcomes").getLong("total") == 6
                && r.getJsonObject("dayExemptions").getJsonArray("perMunicipality").size() == 2
                && r.getJsonObject("enforcement").getJsonObject("totals").getLong("fines") == 4, BOUND))
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void chartsShowTheApisNumbersAndFollowThePeriodPicker(Vertx vertx) throws Exception {
    driver = chromium();
    driver.get("http://127.0.0.1:" + port + "/?from=2025-11-01&to=2025-12-31");
    assertThat(driver.getTitle()).isEqualTo("ZES monitoring");
    driver.findElement(By.id("key")).sendKeys(ReportSuite.ADMIN_KEY);
    driver.findElement(By.cssSelector("#key-form button")).click();
    awaitPeriod("2025-11-01/2025-12-31");
    assertChartsShow(await(monitoring(vertx, "2025-11-01", "2025-12-31")));
    assertThat(driver.findElements(By.cssSelector("#table-compliance tbody tr"))).hasSize(2);
    screenshot();

    setDate("from", "2026-01-01");
    setDate("to", "2026-01-31");
    driver.findElement(By.id("show")).click();
    awaitPeriod("2026-01-01/2026-01-31");
    JsonObject january = await(monitoring(vertx, "2026-01-01", "2026-01-31"));
    assertChartsShow(january);
    assertThat(january.getJsonObject("compliance").getJsonArray("municipalities")).hasSize(1);

    driver.findElement(By.cssSelector("#downloads button[data-report='compliance']")).click();
    Path csv = DOWNLOADS.resolve("compliance_2026-01-01_2026-01-31.csv");
    new WebDriverWait(driver, BOUND).until(d -> Files.exists(csv));
    assertThat(Files.readString(csv)).startsWith("code,name,passages,").contains("GM0599");

    List<LogEntry> errors = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
        errors.add(entry);
      }
    }
    assertThat(errors).as("browser console").isEmpty();
  }

  private void assertChartsShow(JsonObject report) {
    JsonObject exemptions = report.getJsonObject("exemptions");
    assertThat(seriesData("chart-applications", 0)).isEqualTo(counts(exemptions.getJsonArray("applicationsPerMonth")));
    assertThat(axis("chart-applications")).isEqualTo(months(exemptions.getJsonArray("applicationsPerMonth")));
    JsonArray perMonth = report.getJsonObject("dayExemptions").getJsonArray("perMonth");
    assertThat(seriesData("chart-day-exemptions", 0)).isEqualTo(counts(perMonth));
    List<Object> rates = new ArrayList<>();
    List<Object> names = new ArrayList<>();
    for (Object row : report.getJsonObject("compliance").getJsonArray("municipalities")) {
      rates.add(((JsonObject) row).getDouble("complianceRate"));
      names.add(((JsonObject) row).getString("name"));
    }
    assertThat(seriesData("chart-compliance", 0)).usingElementComparator((a, b) ->
        Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue())).isEqualTo(rates);
    assertThat(axis("chart-compliance")).isEqualTo(names);
    long fines = 0;
    long warnings = 0;
    List<?> series = (List<?>) script("return echarts.getInstanceByDom(document.getElementById('chart-enforcement'))"
        + ".getOption().series.map(s => [s.name, s.data.reduce((a, b) => a + b, 0)]);");
    for (Object s : series) {
      List<?> pair = (List<?>) s;
      long sum = ((Number) pair.get(1)).longValue();
      if (((String) pair.get(0)).startsWith("Fines")) {
        fines += sum;
      } else {
        warnings += sum;
      }
    }
    JsonObject totals = report.getJsonObject("enforcement").getJsonObject("totals");
    assertThat(fines).isEqualTo(totals.getLong("fines"));
    assertThat(warnings).isEqualTo(totals.getLong("warnings"));
  }

  private List<Object> seriesData(String chart, int series) {
    return new ArrayList<>((List<?>) script("return echarts.getInstanceByDom(document.getElementById('" + chart
        + "')).getOption().series[" + series + "].data;"));
  }

  private List<Object> axis(String chart) {
    return new ArrayList<>((List<?>) script("return echarts.getInstanceByDom(document.getElementById('" + chart
        + "')).getOption().xAxis[0].data;"));
  }

  private static List<Object> counts(JsonArray months) {
    List<Object> counts = new ArrayList<>();
    months.forEach(m -> counts.add(((JsonObject) m).getLong("count")));
    return counts;
  }

  private static List<Object> months(JsonArray months) {
    List<Object> list = new ArrayList<>();
    months.forEach(m -> list.add(((JsonObject) m).getString("month")));
    return list;
  }

  private void setDate(String id, String value) {
    script("document.getElementById('" + id + "').value = '" + value + "';");
  }

  private Object script(String js) {
    return ((JavascriptExecutor) driver).executeScript(js);
  }

  private void awaitPeriod(String period) {
    new WebDriverWait(driver, BOUND).until(d -> {
      Object state = script("return document.body.dataset.state + ' ' + document.body.dataset.period;");
      if (String.valueOf(state).startsWith("error")) {
        throw new AssertionError("the dashboard shows an error: " + d.findElement(By.id("status")).getText());
      }
      return ("ready " + period).equals(state);
    });
  }

  private void screenshot() throws Exception {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Debian's Chromium through its chromedriver; fails, never skips, when they are missing (.ci/run installs them). */
  private static WebDriver chromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError("The dashboard test needs Debian's Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
          + " must exist (apt-get install -y chromium chromium-driver; .ci/run installs them).");
    }
    Files.createDirectories(DOWNLOADS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--disable-default-apps", "--window-size=1400,2200",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", DOWNLOADS.toString());
    prefs.put("download.prompt_for_download", false);
    options.setExperimentalOption("prefs", prefs);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private Future<JsonObject> monitoring(Vertx vertx, String from, String to) {
    return WebClient.create(vertx).get(port, "127.0.0.1", "/api/v1/reports/monitoring?from=" + from + "&to=" + to)
        .putHeader("Authorization", "Bearer " + ReportSuite.ADMIN_KEY).send()
        .map(r -> r.statusCode() == 200 ? r.bodyAsJsonObject() : new JsonObject());
  }

  private static JsonObject await(Future<JsonObject> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
  }

  private static List<JsonObject> passages() {
    List<JsonObject> list = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      list.add(passage("a" + i, "GM0363", "2025-11-0" + (1 + i % 9) + "T09:00:00+01:00", "ALLOWED",
          "ZERO_EMISSION", "VAN"));
      list.add(passage("r" + i, "GM0599", "2025-12-1" + (i % 10) + "T09:00:00+01:00", "ALLOWED", "TRANSITION",
          "TRUCK"));
    }
    list.add(passage("w1", "GM0363", "2025-11-05T10:00:00+01:00", "WARNING", "NONE", "VAN"));
    list.add(passage("f1", "GM0363", "2025-12-05T10:00:00+01:00", "FINE", "NONE", "VAN"));
    list.add(passage("f2", "GM0599", "2025-12-06T10:00:00+01:00", "FINE", "NONE", "TRUCK"));
    list.add(passage("f3", "GM0599", "2025-12-31T23:30:00Z", "FINE", "NONE", "TRUCK"));
    list.add(passage("f4", "GM0599", "2026-01-12T10:00:00+01:00", "FINE", "NONE", "VAN"));
    list.add(passage("j1", "GM0599", "2026-01-12T11:00:00+01:00", "ALLOWED", "EXEMPTION", "VAN"));
    return list;
  }

  private static List<JsonObject> changes() {
    return List.of(
        application("e1", "PRIVATE_USE", "NATIONAL", "2025-11-04T10:00:00+01:00", "GRANTED"),
        application("e2", "PRIVATE_USE", "NATIONAL", "2025-11-14T10:00:00+01:00", "GRANTED"),
        application("e3", "HARDSHIP", "LOCAL", "2025-12-04T10:00:00+01:00", "REJECTED"),
        application("e4", "DELIVERY_TIME", "NATIONAL", "2025-12-24T10:00:00+01:00", "PENDING"),
        application("e5", "GRID_CONGESTION", "NATIONAL", "2026-01-05T10:00:00+01:00", "PENDING"),
        application("e6", "BUSINESS_ECONOMIC", "NATIONAL", "2026-01-06T10:00:00+01:00", "SET_ASIDE"),
        dayExemption("d1", "GM0363", "2025-11-20"),
        dayExemption("d2", "GM0363", "2025-12-20"),
        dayExemption("d3", "GM0599", "2026-01-20"));
  }
}
