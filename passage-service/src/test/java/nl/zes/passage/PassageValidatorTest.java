package nl.zes.passage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PassageValidatorTest {

  private static final Instant NOW = Instant.parse("2025-11-03T12:00:00Z");
  private static final PassageValidator VALIDATOR = new PassageValidator(Duration.ofMinutes(5));
  private static final Set<String> ZONES = Set.of("amsterdam-centrum");

  private static JsonObject valid() {
    return new JsonObject().put("id", "cam1-1").put("zone", "amsterdam-centrum").put("camera", "cam1")
        .put("timestamp", "2025-11-03T08:15:00+01:00").put("plate", "ab-123-c");
  }

  /** A row per case: the item, and the field in error (null when valid). */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", valid(), null),
        Arguments.of("valid with country and confidence", valid().put("country", "nl").put("confidence", 0.93), null),
        Arguments.of("foreign plate of any shape", valid().put("country", "DE").put("plate", "B-MW 1234"), null),
        Arguments.of("timestamp in Z", valid().put("timestamp", "2025-11-03T07:15:00Z"), null),
        Arguments.of("within the clock skew", valid().put("timestamp", "2025-11-03T12:04:00Z"), null),
        Arguments.of("not an object", "just text", "item"),
        Arguments.of("id missing", valid().put("id", null), "id"),
        Arguments.of("id not a string", valid().put("id", 17), "id"),
        Arguments.of("id blank", valid().put("id", "  "), "id"),
        Arguments.of("id of 65 characters", valid().put("id", "x".repeat(65)), "id"),
        Arguments.of("zone missing", valid().put("zone", null), "zone"),
        Arguments.of("zone of another municipality", valid().put("zone", "rotterdam-centrum"), "zone"),
        Arguments.of("camera missing", valid().put("camera", null), "camera"),
        Arguments.of("plate missing", valid().put("plate", null), "plate"),
        Arguments.of("Dutch plate of no sidecode", valid().put("plate", "ABC123D"), "plate"),
        Arguments.of("Dutch plate with symbols", valid().put("plate", "AB#12C"), "plate"),
        Arguments.of("foreign plate too long", valid().put("country", "BE").put("plate", "1234567890ABC"), "plate"),
        Arguments.of("country not ISO", valid().put("country", "XX"), "country"),
        Arguments.of("country of three letters", valid().put("country", "NLD"), "country"),
        Arguments.of("timestamp missing", valid().put("timestamp", null), "timestamp"),
        Arguments.of("timestamp without offset", valid().put("timestamp", "2025-11-03T08:15:00"), "timestamp"),
        Arguments.of("timestamp a date only", valid().put("timestamp", "2025-11-03"), "timestamp"),
        Arguments.of("timestamp a number", valid().put("timestamp", 1730000000), "timestamp"),
        Arguments.of("timestamp beyond the skew", valid().put("timestamp", "2025-11-03T12:06:00Z"), "timestamp"),
        Arguments.of("confidence not a number", valid().put("confidence", "high"), "confidence"),
        Arguments.of("confidence negative", valid().put("confidence", -1), "confidence"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatesEachField(String name, Object item, String fieldInError) {
    PassageValidator.Result result = VALIDATOR.validate(item, "GM0363", ZONES, NOW);
    if (fieldInError == null) {
      assertThat(result.valid()).isTrue();
      assertThat(result.passage().municipality()).isEqualTo("GM0363");
    } else {
      assertThat(result.valid()).isFalse();
      assertThat(result.errors().getJsonObject(0).getString("field")).isEqualTo(fieldInError);
      assertThat(result.errors().getJsonObject(0).getString("message")).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("plates")
  void normalisesPlatesAndDefaultsTheCountry(String input, String stored) {
    PassageValidator.Result result = VALIDATOR.validate(valid().put("plate", input), "GM0363", ZONES, NOW);
    assertThat(result.passage().plate()).isEqualTo(stored);
    assertThat(result.passage().country()).isEqualTo("NL");
  }

  static Stream<Arguments> plates() {
    return Stream.of(Arguments.of("ab-123-c", "AB123C"), Arguments.of("12 ABC 3", "12ABC3"),
        Arguments.of("1-ABC-23", "1ABC23"));
  }

  @org.junit.jupiter.api.Test
  void anUnknownMunicipalityHasNoZones() {
    PassageValidator.Result result = VALIDATOR.validate(valid(), "GM9999", null, NOW);
    assertThat(result.errors().encode()).contains("\"field\":\"zone\"");
  }

  @org.junit.jupiter.api.Test
  void reportsEveryInvalidFieldOfAnItem() {
    PassageValidator.Result result = VALIDATOR.validate(new JsonObject().put("plate", "??"), "GM0363", ZONES, NOW);
    assertThat(result.errors().stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("id", "zone", "camera", "plate", "timestamp");
  }
}
