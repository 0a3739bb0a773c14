package nl.zes.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "PGPORT | abc | PGPORT must be an integer, got 'abc'",
      "PGPORT | 70000 | PGPORT must be between 1 and 65535, got '70000'",
      "ZES_KAFKA_PARTITIONS | 0 | ZES_KAFKA_PARTITIONS must be between 1 and 1024, got '0'",
      "ZES_PG_POOL_SIZE | -3 | ZES_PG_POOL_SIZE must be between 1 and 200, got '-3'"})
  void aMalformedValueIsRefusedWithOneLineNamingTheVariable(String name, String value, String message) {
    assertThatThrownBy(() -> {
      Env env = Env.of(Map.of(name, value));
      PgConfig.fromEnv(env);
      KafkaConfig.fromEnv(env);
    }).isInstanceOf(ConfigException.class).hasMessage(message).hasNoCause();
  }

  @ParameterizedTest
  @CsvSource({"30s, PT30S", "500ms, PT0.5S", "15m, PT15M", "72h, PT72H", "3d, PT72H", "PT2H, PT2H", "pt2h, PT2H"})
  void durationsReadInEitherNotation(String text, String expected) {
    assertThat(Env.of(Map.of("X", text)).duration("X", Duration.ZERO)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({"2 days", "h", "-1s"})
  void aBadDurationNamesTheVariable(String text) {
    assertThatThrownBy(() -> Env.of(Map.of("ZES_X", text)).duration("ZES_X", Duration.ZERO))
        .hasMessageStartingWith("ZES_X must be a duration");
  }

  @ParameterizedTest
  @CsvSource({"true, true", "YES, true", "0, false", "off, false"})
  void booleans(String text, boolean expected) {
    assertThat(Env.of(Map.of("B", text)).bool("B", !expected)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void defaultsApplyWhenUnsetOrBlank() {
    PgConfig pg = PgConfig.fromEnv(Env.of(Map.of("PGHOST", " ")));
    assertThat(pg.host()).isEqualTo("127.0.0.1");
    assertThat(pg.port()).isEqualTo(5432);
    assertThat(KafkaConfig.fromEnv(Env.of(Map.of())).topic("zes.passages.received.v1")).isEqualTo("zes.passages.received.v1");
  }

  @org.junit.jupiter.api.Test
  void aRequiredValueThatIsMissingIsNamed() {
    assertThatThrownBy(() -> Env.of(Map.of()).required("ZES_SECRET")).hasMessage("ZES_SECRET is required but not set");
  }
}
