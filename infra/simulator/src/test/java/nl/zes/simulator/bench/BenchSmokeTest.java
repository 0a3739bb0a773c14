package nl.zes.simulator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.zes.simulator.FakeZesAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each benchmark driver for a few seconds at a tiny size, against a bare Vert.x server or a stand-in for the
 * public API, so that bench/ cannot rot. The numbers are not looked at: speed is measured in bench/, not here.
 */
class BenchSmokeTest {

  @Test
  void loadGeneratorMeasuresTheBareServer() throws Exception {
    BareHttpServer server = BareHttpServer.start(0, 300);
    try {
      HttpLoad.Result result = HttpLoad.run("http://127.0.0.1:" + server.port() + "/x", null, List.of(), 2, 0, 10, 200);
      assertThat(result.requests()).isPositive();
      assertThat(result.errors()).isZero();
      assertThat(result.latency().getTotalCount()).isEqualTo(result.requests());
    } finally {
      server.close().await();
    }
  }

  @Test
  void openLoopLoadAnswersEveryScheduledRequestAndCountsOnlyTheMeasuredOnes() throws Exception {
    BareHttpServer server = BareHttpServer.start(0, 300);
    try {
      HttpLoad.Result result = HttpLoad.paced("http://127.0.0.1:" + server.port() + "/x", "a-key", 4, 2_000, 0.5, 1);
      assertThat(result.requests()).isEqualTo(2_000);
      assertThat(result.statuses()).containsExactly(java.util.Map.entry(200, 2_000L));
      assertThat(result.errors()).isZero();
      assertThat(result.latency().getTotalCount()).isEqualTo(2_000);
      assertThat(result.sendLag().getTotalCount()).isEqualTo(2_000);
      assertThat(result.seconds()).isBetween(0.9, 10.0);
    } finally {
      server.close().await();
    }
  }

  @Test
  void openLoopLoadCountsErrorAnswers() throws Exception {
    try (FakeZesAccess zes = FakeZesAccess.start()) {
      HttpLoad.Result result = HttpLoad.paced(zes.baseUrl() + "/no-such-path", null, 2, 500, 0.2, 1);
      assertThat(result.statuses()).containsExactly(java.util.Map.entry(404, 500L));
      assertThat(result.errors()).isEqualTo(500);
    }
  }

  @Test
  void accessOverHttpWithPlatesInTurn() throws Exception {
    try (FakeZesAccess zes = FakeZesAccess.start()) {
      HttpLoad.Result result = HttpLoad.run(zes.baseUrl() + "/api/v1/access?plate={plate}&municipality=GM0344",
          "ignored", List.of("VX123B", "12BDF3"), 2, 0, 10, 200);
      assertThat(result.requests()).isBetween(1L, 201L);
      assertThat(result.errors()).isZero();
    }
  }

  @Test
  void ingestionPostsBatchesWithMunicipalityKeys() throws Exception {
    try (FakeZesAccess zes = FakeZesAccess.start()) {
      IngestBench.Result result = IngestBench.run(zes.baseUrl(), FakeZesAccess.ADMIN_KEY, 3_000, 2_000, 4, 0, null, 0,
          java.time.LocalDate.of(2025, 11, 3));
      assertThat(result.accepted()).isPositive().isEqualTo(zes.passages());
      assertThat(result.batchLatency().getTotalCount()).isPositive();
    }
  }

  @Test
  void importSendsTheGeneratedExportsAndKeepsThemForTheCopyBaseline(@TempDir Path dir) throws Exception {
    try (FakeZesAccess zes = FakeZesAccess.start()) {
      double[] result = ImportBench.run(zes.baseUrl(), FakeZesAccess.ADMIN_KEY, 2_000, dir);
      assertThat(result[0]).isEqualTo(zes.importedLines());
      assertThat(Files.list(dir)).hasSize(3);
    }
  }

  @Test
  void reportLatencyOverASimulatedYear() throws Exception {
    try (FakeZesAccess zes = FakeZesAccess.start()) {
      PrintStream original = System.out;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setOut(new PrintStream(captured, true));
      try {
        ReportBench.main(new String[] {"--url", zes.baseUrl(), "--admin-key", FakeZesAccess.ADMIN_KEY,
            "--vehicles", "2000", "--scale", "0.0005", "--history-scale", "0.01", "--requests", "20",
            "--settle-seconds", "5"});
      } finally {
        System.setOut(original);
      }
      assertThat(captured.toString()).contains("RESULT report monitoring_year_p50=");
      assertThat(zes.passages()).isPositive();
    }
  }
}
