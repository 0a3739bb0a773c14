package nl.zes.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import nl.zes.common.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /passages} bodies into the one ingest message; whole-request problems as their status. */
class PassageBodyParsingTest {

  private static final String ONE = "{\"id\":\"a\",\"zone\":\"z\",\"camera\":\"c\","
      + "\"timestamp\":\"2025-11-03T08:15:00+01:00\",\"plate\":\"AB-123-C\"}";

  private static JsonObject parse(String contentType, String body) {
    return PassageRoutes.parse(contentType, Buffer.buffer(body));
  }

  @Test
  void jsonSingleObjectIsOneItem() {
    JsonObject message = parse("application/json; charset=utf-8", ONE);
    assertThat(message.getJsonArray("items")).hasSize(1);
    assertThat(message.getJsonArray("items").getJsonObject(0).getString("plate")).isEqualTo("AB-123-C");
    assertThat(message.getJsonArray("malformed")).isEmpty();
  }

  @Test
  void jsonBatchKeepsItemsAsTheyAreForTheServiceToValidate() {
    JsonObject message = parse("application/json", "{\"passages\":[" + ONE + ", 17, {\"id\":\"b\"}]}");
    assertThat(message.getJsonArray("items")).hasSize(3);
    assertThat(message.getJsonArray("items").getValue(1)).isEqualTo(17);
  }

  @Test
  void ndjsonRejectsABrokenLineByItsIndexAndKeepsTheOthers() {
    JsonObject message = parse("application/x-ndjson", ONE + "\n\n{broken\r\n" + ONE.replace("\"a\"", "\"b\"") + "\n");
    JsonArray items = message.getJsonArray("items");
    assertThat(items).hasSize(3);
    assertThat(items.getValue(1)).isNull();
    JsonObject malformed = message.getJsonArray("malformed").getJsonObject(0);
    assertThat(malformed.getInteger("index")).isEqualTo(1);
    assertThat(malformed.getJsonArray("errors").getJsonObject(0).getString("message")).contains("line 3");
    assertThat(items.getJsonObject(2).getString("id")).isEqualTo("b");
  }

  @Test
  void csvByHeaderNameInAnyOrderWithQuotedFieldsAndAShortLine() {
    String csv = "plate,id,zone,camera,timestamp,country\r\n"
        + "\"AB-123-C\",a,z,\"cam, north\",2025-11-03T08:15:00+01:00,NL\n"
        + "XY12,b,z\n"
        + "B MW 1,c,z,cam,2025-11-03T08:16:00+01:00,\n"
        + "M1234,d,z,cam,2025-11-03T08:17:00+01:00,DE\n";
    JsonObject message = parse("text/csv", csv);
    JsonArray items = message.getJsonArray("items");
    assertThat(items).hasSize(4);
    assertThat(items.getJsonObject(0).getString("camera")).isEqualTo("cam, north");
    assertThat(items.getValue(1)).isNull();
    assertThat(message.getJsonArray("malformed").getJsonObject(0).getInteger("index")).isEqualTo(1);
    assertThat(items.getJsonObject(2).containsKey("country")).as("empty country = default").isFalse();
    assertThat(items.getJsonObject(3).getString("country")).isEqualTo("DE");
  }

  static Stream<Arguments> wholeRequestProblems() {
    StringBuilder tooMany = new StringBuilder("{\"passages\":[");
    StringBuilder tooManyLines = new StringBuilder();
    StringBuilder tooManyRows = new StringBuilder("id,zone,camera,timestamp,plate\n");
    for (int i = 0; i <= 10_000; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{}");
      tooManyLines.append("{}\n");
      tooManyRows.append("a,b,c,d,e\n");
    }
    return Stream.of(
        Arguments.of("text/plain", ONE, 415),
        Arguments.of(null, ONE, 415),
        Arguments.of("application/xml", "<p/>", 415),
        Arguments.of("application/json", "{\"id\":", 400),
        Arguments.of("application/json", "[" + ONE + "]", 400),
        Arguments.of("application/json", "{\"passages\":{}}", 400),
        Arguments.of("text/csv", "id,zone,plate\na,b,c\n", 400),
        Arguments.of("text/csv", "", 400),
        Arguments.of("text/csv", "id,zone,camera,timestamp,plate\n\"a,b,c,d,e\n", 400),
        Arguments.of("application/json", tooMany.append("]}").toString(), 413),
        Arguments.of("application/x-ndjson", tooManyLines.toString(), 413),
        Arguments.of("text/csv", tooManyRows.toString(), 413));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("wholeRequestProblems")
  void answersTheWholeRequestWithAProblem(String contentType, String body, int status) {
    assertThatThrownBy(() -> parse(contentType, body)).isInstanceOfSatisfying(ProblemException.class,
        e -> assertThat(e.problem().status()).isEqualTo(status));
  }

  @Test
  void exactlyTenThousandItemsAreAccepted() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      lines.append(ONE).append('\n');
    }
    assertThat(parse("application/x-ndjson", lines.toString()).getJsonArray("items")).hasSize(10_000);
  }
}
