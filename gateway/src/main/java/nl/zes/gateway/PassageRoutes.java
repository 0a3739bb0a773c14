package nl.zes.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.zes.common.bus.Addresses;
import nl.zes.common.problem.Problem;
import nl.zes.common.problem.ProblemException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The public API's passage endpoints (see API.md). {@code POST /passages} turns any of the three body forms into
 * one {@code passages.ingest} message {@code {items:[…], malformed:[{index, id, errors}]}}: {@code items[i]} is item
 * {@code i} (null when it could not be parsed, and {@code malformed} says why). The passage-service validates,
 * de-duplicates and stores; parsing stays here because content types, 413 and 415 are HTTP matters and services
 * speak JSON on the event bus.
 */
final class PassageRoutes implements ApiRoutes {

  static final int MAX_ITEMS = 10_000;
  static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
  private static final List<String> CSV_REQUIRED = List.of("id", "zone", "camera", "timestamp", "plate");
  private static final List<String> CSV_OPTIONAL = List.of("country", "confidence", "municipality");

  @Override
  public void mount(Router api, ServiceCall services) {
    // A second BodyHandler after a global one is a no-op, so this bound holds whatever the gateway mounts before.
    api.post("/passages").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(ctx -> ingest(ctx, services));
    api.get("/passages/:id").handler(ctx -> services.forward(ctx, Addresses.PASSAGES_GET,
        new JsonObject().put("id", ctx.pathParam("id"))));
    api.get("/violations").handler(ctx -> {
      JsonObject query = new JsonObject();
      for (String name : List.of("from", "to", "kind", "municipality", "limit", "cursor")) {
        String value = ctx.queryParams().get(name);
        if (value != null) {
          query.put(name, value);
        }
      }
      services.forward(ctx, Addresses.PASSAGES_VIOLATIONS, query);
    });
  }

  private static void ingest(RoutingContext ctx, ServiceCall services) {
    JsonObject message;
    try {
      message = parse(ctx.request().getHeader("Content-Type"), ctx.body() == null ? null : ctx.body().buffer());
    } catch (ProblemException e) {
      ProblemResponses.send(ctx, e.problem());
      return;
    }
    services.forwardHandingOver(ctx, Addresses.PASSAGES_INGEST, message);
  }

  /** The ingest message for a body, or a problem for the whole request (400, 413, 415). */
  static JsonObject parse(String contentType, Buffer buffer) {
    if (buffer != null && buffer.length() > MAX_BODY_BYTES) {
      throw tooLarge("the body is over 32 MB");
    }
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    Buffer bytes = buffer == null ? Buffer.buffer() : buffer;
    return switch (mediaType) {
      case "application/json" -> parseJson(bytes);
      case "application/x-ndjson" -> parseNdjson(bytes);
      case "text/csv" -> parseCsv(bytes);
      default -> throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "send passages as application/json, application/x-ndjson or text/csv").exception();
    };
  }

  private static JsonObject parseJson(Buffer bytes) {
    JsonObject object;
    try {
      object = new JsonObject(bytes);
    } catch (DecodeException | ClassCastException e) {
      throw Problem.badRequest("the body must be one passage object or {\"passages\": [...]} in valid JSON")
          .exception();
    }
    if (!object.containsKey("passages")) {
      return message(new JsonArray().add(object), new JsonArray());
    }
    if (!(object.getValue("passages") instanceof JsonArray passages)) {
      throw Problem.invalidField("passages", "must be an array").exception();
    }
    if (passages.size() > MAX_ITEMS) {
      throw tooLarge("over " + MAX_ITEMS + " passages in one request");
    }
    return message(passages, new JsonArray());
  }

  private static JsonObject parseNdjson(Buffer bytes) {
    JsonArray items = new JsonArray();
    JsonArray malformed = new JsonArray();
    String text = bytes.toString(StandardCharsets.UTF_8);
    int line = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      line++;
      String content = text.substring(start, end).strip();
      start = end + 1;
      if (content.isEmpty()) {
        continue;
      }
      if (items.size() == MAX_ITEMS) {
        throw tooLarge("over " + MAX_ITEMS + " passages in one request");
      }
      try {
        items.add(new JsonObject(content));
      } catch (DecodeException | ClassCastException e) {
        malformed.add(malformedItem(items.size(), "line " + line + " is not a JSON object"));
        items.addNull();
      }
    }
    return message(items, malformed);
  }

  private static JsonObject parseCsv(Buffer bytes) {
    JsonArray items = new JsonArray();
    JsonArray malformed = new JsonArray();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
    try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes.getBytes()), StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Map<String, Integer> header = parser.getHeaderMap();
      List<String> missing = CSV_REQUIRED.stream().filter(name -> !header.containsKey(name)).toList();
      if (header.isEmpty() || !missing.isEmpty()) {
        throw Problem.invalidField("header", "the CSV header must name the columns id,zone,camera,timestamp,plate"
            + " (country optional); missing " + String.join(",", missing.isEmpty() ? CSV_REQUIRED : missing))
            .exception();
      }
      for (CSVRecord record : parser) {
        if (items.size() == MAX_ITEMS) {
          throw tooLarge("over " + MAX_ITEMS + " passages in one request");
        }
        if (!record.isConsistent()) {
          malformed.add(malformedItem(items.size(), "line " + parser.getCurrentLineNumber()
              + " has " + record.size() + " fields where the header has " + header.size()));
          items.addNull();
          continue;
        }
        JsonObject item = new JsonObject();
        for (String name : CSV_REQUIRED) {
          item.put(name, record.get(name));
        }
        for (String name : CSV_OPTIONAL) {
          if (record.isMapped(name) && !record.get(name).isEmpty()) {
            item.put(name, name.equals("confidence") ? number(record.get(name)) : record.get(name));
          }
        }
        items.add(item);
      }
    } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      // commons-csv reports a broken quote or a duplicate header name this way; what came before is kept.
      throw Problem.badRequest("the CSV is malformed: " + e.getMessage()).exception();
    }
    return message(items, malformed);
  }

  private static Object number(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static JsonObject message(JsonArray items, JsonArray malformed) {
    return new JsonObject().put("items", items).put("malformed", malformed);
  }

  private static JsonObject malformedItem(int index, String message) {
    return new JsonObject().put("index", index).putNull("id")
        .put("errors", new JsonArray().add(Problem.fieldError("item", message)));
  }

  private static ProblemException tooLarge(String detail) {
    return Problem.of(413, "too-large", "Payload too large", detail).exception();
  }
}
