package nl.zes.passage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import nl.zes.common.Timestamps;
import nl.zes.common.messages.PassageEvaluated;
import org.junit.jupiter.api.Test;

/** The hand-written topic JSON is the text JsonObject would give, and the fast timestamp path reads like ISO. */
class TopicJsonTest {

  private static final OffsetDateTime AT = OffsetDateTime.parse("2025-11-03T08:15:30+01:00");

  @Test
  void evaluatedEventsAreWhatPassageEvaluatedEncodes() {
    List<Verdict> verdicts = List.of(
        new Verdict("GM0363", "a-1", "z", "cam", AT, AT.toLocalDate(), Verdict.FINE, "NONE", "VAN_OLD", "VAN", "NL",
            120, "1ABC23"),
        new Verdict("GM0363", "a-2", "z", "cam", AT, AT.toLocalDate(), Verdict.WARNING, "NONE", "TRUCK_OLD", "TRUCK",
            "NL", null, "ABC12D"),
        new Verdict("GM0363", "a-3 \"quoted\" \\ \n\u0001", "z", "cam", AT, AT.toLocalDate(), Verdict.ALLOWED,
            "ZERO_EMISSION", "ZERO_EMISSION", "VAN", "NL", null, null),
        new Verdict("GM0363", "a-4", "z", "cam", AT, AT.toLocalDate(), Verdict.UNRESOLVED, "UNRESOLVED", null, null,
            "NL", null, null));
    for (Verdict v : verdicts) {
      PassageEvaluated event = new PassageEvaluated(v.id(), v.municipality(), v.zone(), Verdict.local(v.timestamp()),
          v.verdict(), v.basis(), v.rule(), v.vehicleKind(), v.country(), v.isViolation() ? v.plate() : null,
          Verdict.FINE.equals(v.verdict()) ? v.fineEur() : null);
      assertThat(TopicJson.evaluated(v)).isEqualTo(event.toJson().encode());
    }
  }

  @Test
  void receivedRecordsRoundTripAndMatchJsonObject() throws Exception {
    ValidPassage plain = new ValidPassage("p-1", "GM0363", "amsterdam-centrum", "cam1", AT, "1ABC23", "NL", null);
    ValidPassage odd = new ValidPassage("p-\"2\"\t", "GM0363", "z\\one", "c\u001fam", AT.withNano(123_000_000),
        "M1234", "DE", 0.87);
    for (ValidPassage p : List.of(plain, odd)) {
      String text = TopicJson.received(p, "2025-11-03T07:15:31Z");
      JsonObject expected = new JsonObject().put("id", p.id()).put("municipality", p.municipality())
          .put("zone", p.zone()).put("camera", p.camera()).put("timestamp", p.timestamp().toString())
          .put("plate", p.plate()).put("country", p.country()).put("receivedAt", "2025-11-03T07:15:31Z");
      if (p.confidence() != null) {
        expected.put("confidence", p.confidence());
      }
      assertThat(text).isEqualTo(expected.encode());
      assertThat(TopicJson.readReceived(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(p);
    }
  }

  @Test
  void readingSkipsUnknownFieldsAndRejectsWhatIsNotAPassage() throws Exception {
    String withExtras = "{\"extra\":{\"a\":[1,2]},\"id\":\"p-1\",\"municipality\":\"GM0363\",\"zone\":\"z\","
        + "\"camera\":\"c\",\"timestamp\":\"2025-11-03T08:15:30+01:00\",\"plate\":\"1ABC23\",\"country\":\"NL\"}";
    assertThat(TopicJson.readReceived(withExtras.getBytes(StandardCharsets.UTF_8)).timestamp()).isEqualTo(AT);
    assertThatThrownBy(() -> TopicJson.readReceived("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(java.io.IOException.class);
    assertThatThrownBy(() -> TopicJson.readReceived("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void timestampsParseExactlyAsIsoOffsetDateTime() {
    for (String text : List.of("2025-11-03T08:15:30+01:00", "2025-11-03T08:15+01:00", "2025-11-03T08:15:30Z",
        "2025-11-03T08:15:30.5Z", "2025-11-03T08:15:30.123456789-05:30", "2024-02-29T23:59:59+14:00",
        "2025-11-03t08:15:30z", "2025-11-03T08:15:30+0100", "2025-11-03T08:15:30+01:00:00", "+12025-11-03T08:15Z",
        "2025-11-03T08:15:30-00:00", "2025-11-03T08:15:30.Z")) {
      assertThat(outcome(() -> Timestamps.parse(text))).as(text)
          .isEqualTo(outcome(() -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    }
    for (String text : List.of("2025-02-29T08:15:30+01:00", "2025-11-03T24:00:00Z", "2025-11-03T08:15:30",
        "2025-11-03 08:15:30Z", "2025-13-03T08:15:30Z", "2025-11-03T08:15:30+19:00",
        "2025-11-03T08:1x:30Z", "")) {
      assertThatThrownBy(() -> Timestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
    }
  }

  private static Object outcome(Supplier<OffsetDateTime> parse) {
    try {
      return parse.get();
    } catch (DateTimeParseException e) {
      return "rejected";
    }
  }
}
