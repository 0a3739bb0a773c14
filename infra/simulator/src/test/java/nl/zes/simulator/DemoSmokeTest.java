package nl.zes.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo end to end against a stand-in for the public API: what it sends, with which keys. */
class DemoSmokeTest {

  @Test
  void demoCreatesKeysImportsTheRegisterAndPostsHistoryAndTraffic() throws Exception {
    try (FakeZes zes = new FakeZes()) {
      DemoSizes tiny = new DemoSizes(11, 3_000, 0.05, 0.02, 0.002,
          LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 31), 4);
      List<String> lines = new ArrayList<>();
      Demo.Result result = Demo.run(zes.baseUrl(), FakeZes.ADMIN_KEY, tiny, lines::add);

      assertThat(result.municipalityKeys()).hasSize(Fixtures.municipalities().size());
      assertThat(zes.keys.get(result.reportingKey())).isEqualTo("reporting");
      assertThat(zes.keys.get(result.loketKey())).isEqualTo("loket");
      // vehicles + fuels (a hybrid has two rows) + bodies
      assertThat(zes.importedLines.get()).isGreaterThan(3L * 3_000);
      int applications = ApplicationGenerator.TABLE_1.values().stream().mapToInt(n -> (int) Math.round(n * 0.05)).sum();
      assertThat(zes.exemptions.get()).isEqualTo(applications);
      assertThat(zes.decisions.get()).isEqualTo(applications - Math.round(applications * 0.02f));
      assertThat(zes.dayExemptions.get()).isPositive();
      // every passage reached its own municipality, once, after a 429 that was retried
      assertThat(zes.passages()).isPositive();
      assertThat(zes.passageIds.keySet()).contains("GM0344", "GM0599").doesNotContain("GM0394");
      assertThat(zes.oversizedBatches.get()).isZero();
      assertThat(zes.refuseFirstPassageBatch.get()).isFalse();
      assertThat(result.problems()).isEmpty();
      assertThat(lines).anyMatch(l -> l.startsWith("passages") && l.endsWith("done"));
      assertThat(lines).anyMatch(l -> l.contains(result.dashboardUrl()) && l.contains("Dashboard"));
      assertThat(String.join("\n", lines)).doesNotContainPattern("\\bV[A-Z]\\d{3}[A-Z]\\b");
    }
  }
}
