package nl.zes.simulator;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The seed municipalities (a copy of the project's seed file) and small registers. */
final class Fixtures {

  private Fixtures() {
  }

  static List<Municipality> municipalities() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/municipalities.json")) {
      return Municipality.fromJson(new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Municipality municipality(String code) {
    return municipalities().stream().filter(m -> m.code().equals(code)).findFirst().orElseThrow();
  }

  static Fleet fleet(int vehicles) {
    try {
      Writer nowhere = Writer.nullWriter();
      return new RegisterGenerator(3, RegisterSizes.ofTotal(vehicles)).write(nowhere, nowhere, nowhere);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String csv(int vehicles) throws IOException {
    StringWriter out = new StringWriter();
    new RegisterGenerator(3, RegisterSizes.ofTotal(vehicles)).write(out, Writer.nullWriter(), Writer.nullWriter());
    return out.toString();
  }
}
