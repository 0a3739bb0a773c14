package nl.zes.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import nl.zes.common.problem.Problem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Requests checked against docs/openapi.yaml, loaded once at start as a vertx-openapi {@link OpenAPIContract}: the
 * path and query parameters of every operation and, where the body is one JSON object, the body against its schema.
 * A body that is not one JSON object is 400 {@code malformed-request}; fields or parameters that break the schema
 * are 400 {@code validation} with one {@code {field, message}} per offence (API.md). Streamed and multi-format
 * bodies ({@code POST /passages}, {@code POST /vehicles/import}) are never validated here; their parameters are.
 *
 * <p>The JSON-Schema validators of the contract are built once per operation and run synchronously on the event
 * loop: vertx-openapi's {@code RequestValidator.validate} would do the same work on a worker thread
 * ({@code executeBlocking}) for every request, a thread hop that costs more than the whole check.
 */
final class RequestValidation {

  /** Keywords whose failure only says that a sub-schema failed; the sub-schema's own failure names the cause. */
  private static final Set<String> WRAPPERS = Set.of("$ref", "$dynamicRef", "$recursiveRef", "allOf", "anyOf", "oneOf",
      "if", "then", "else", "items", "prefixItems", "properties", "patternProperties", "dependentSchemas",
      "unevaluatedProperties", "unevaluatedItems", "contains");

  private final SchemaRepository schemas;
  private final Map<RoutePermissions.Endpoint, Checks> byEndpoint = new IdentityHashMap<>();

  private record ParameterCheck(String name, Location in, boolean required, SchemaType type, JsonSchema schema,
      Validator validator, int segment) {
  }

  private record Checks(List<ParameterCheck> parameters, JsonSchema bodySchema, Validator body) {
  }

  private static final Checks NONE = new Checks(List.of(), null, null);

  private RequestValidation(OpenAPIContract contract) {
    this.schemas = contract.getSchemaRepository();
    Map<String, Operation> operations = new HashMap<>();
    for (Operation operation : contract.operations()) {
      operations.put(operation.getHttpMethod().name() + " " + operation.getOpenAPIPath(), operation);
    }
    for (RoutePermissions.Endpoint endpoint : RoutePermissions.ENDPOINTS) {
      Operation operation = operations.get(endpoint.method().name() + " " + endpoint.path());
      if (operation != null) {
        byEndpoint.put(endpoint, checks(operation));
      }
    }
  }

  static Future<RequestValidation> load(Vertx vertx) {
    return vertx.fileSystem().readFile(OpenApiDocs.SPEC_RESOURCE)
        .map(yaml -> {
          JsonObject spec = new JsonObject(Json.encode(new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(yaml.toString(StandardCharsets.UTF_8))));
          return requestsOnly(spec);
        })
        .compose(spec -> OpenAPIContract.from(vertx, spec))
        .map(RequestValidation::new);
  }

  /**
   * The document reduced to what requests are checked against, in forms vertx-openapi accepts: it takes only
   * absolute server URLs (ours is relative, and operations are found here by path template, so servers play no
   * part) and only some media types (not problem+json, CSV, NDJSON, YAML or HTML; responses are not checked here,
   * and only JSON bodies are).
   */
  private static JsonObject requestsOnly(JsonObject spec) {
    spec.remove("servers");
    JsonObject paths = spec.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      item.remove("servers");
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation) {
          operation.put("responses", new JsonObject().put("default", new JsonObject().put("description", "not checked")));
          JsonObject body = operation.getJsonObject("requestBody");
          if (body != null) {
            body.getJsonObject("content").fieldNames().removeIf(type -> !type.equals(RoutePermissions.JSON));
            if (body.getJsonObject("content").isEmpty()) {
              operation.remove("requestBody");
            }
          }
        }
      }
    }
    return spec;
  }

  private Checks checks(Operation operation) {
    List<String> template = List.of(operation.getOpenAPIPath().split("/", -1));
    List<ParameterCheck> parameters = new ArrayList<>();
    for (Parameter p : operation.getParameters()) {
      if (p.getIn() == Location.PATH || p.getIn() == Location.QUERY) {
        parameters.add(new ParameterCheck(p.getName(), p.getIn(), p.isRequired(), p.getSchemaType(), p.getSchema(),
            schemas.validator(p.getSchema()), template.indexOf("{" + p.getName() + "}")));
      }
    }
    MediaType json = operation.getRequestBody() == null ? null
        : operation.getRequestBody().getContent().get(RoutePermissions.JSON);
    return json == null ? new Checks(List.copyOf(parameters), null, null)
        : new Checks(List.copyOf(parameters), json.getSchema(), schemas.validator(json.getSchema()));
  }

  /**
   * The problem with this request to {@code endpoint}, or null when it is valid. {@code path} is relative to
   * {@code /api/v1}; {@code body} (it may throw {@link DecodeException} or {@link ClassCastException}, as
   * {@code RequestBody.asJsonObject} does) is only asked for where the body must be one JSON object.
   */
  Problem check(RoutePermissions.Endpoint endpoint, String path, MultiMap query, Supplier<JsonObject> body) {
    Checks checks = byEndpoint.getOrDefault(endpoint, NONE);
    if (checks.parameters().isEmpty() && !endpoint.jsonObjectBody()) {
      return null;
    }
    JsonArray errors = new JsonArray();
    if (!checks.parameters().isEmpty()) {
      String[] segments = path.split("/", -1);
      for (ParameterCheck parameter : checks.parameters()) {
        List<String> values = parameter.in() == Location.PATH ? List.of(decode(segments[parameter.segment()]))
            : query.getAll(parameter.name());
        if (values.isEmpty() && parameter.required()) {
          errors.add(Problem.fieldError(parameter.name(), "is required"));
        }
        for (String value : values) {
          addErrors(errors, parameter.name(), parameter.schema(), parameter.validator().validate(typed(value, parameter.type())));
        }
      }
    }
    if (endpoint.jsonObjectBody()) {
      JsonObject object;
      try {
        object = body.get();
      } catch (DecodeException | ClassCastException e) {
        return ProblemResponses.malformed("the body must be one JSON object in valid JSON (UTF-8)");
      }
      if (object == null) {
        return ProblemResponses.malformed("the body must be one JSON object in valid JSON (UTF-8)");
      }
      if (checks.body() != null) {
        addErrors(errors, "", checks.bodySchema(), checks.body().validate(object));
      }
    }
    if (errors.isEmpty()) {
      return null;
    }
    String detail = errors.stream().map(e -> ((JsonObject) e).getString("field") + ": " + ((JsonObject) e).getString("message"))
        .collect(Collectors.joining("; "));
    return Problem.invalidFields(detail, errors);
  }

  /** A parameter's text as the JSON value its schema describes; text that is no such value stays text (a type error). */
  private static Object typed(String value, SchemaType type) {
    try {
      return switch (type) {
        case INTEGER -> Long.parseLong(value);
        case NUMBER -> Double.parseDouble(value);
        case BOOLEAN -> value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value;
        default -> value;
      };
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private void addErrors(JsonArray errors, String prefix, JsonSchema root, OutputUnit result) {
    if (Boolean.TRUE.equals(result.getValid())) {
      return;
    }
    List<OutputUnit> units = result.getErrors() == null ? List.of(result) : result.getErrors();
    Map<String, String> found = new LinkedHashMap<>();
    for (OutputUnit unit : units) {
      String keyword = keyword(unit.getKeywordLocation());
      if (!WRAPPERS.contains(keyword)) {
        String field = field(prefix, unit, keyword);
        found.putIfAbsent(field, message(root, keyword, unit));
      }
    }
    if (found.isEmpty()) {
      found.put(prefix.isEmpty() ? "body" : prefix, "is invalid");
    }
    found.forEach((field, message) -> errors.add(Problem.fieldError(field, message)));
  }

  /** {@code #/zones/0/start} → {@code zones[0].start}; for a missing property, the property itself. */
  private static String field(String prefix, OutputUnit unit, String keyword) {
    StringBuilder field = new StringBuilder(prefix);
    String location = unit.getInstanceLocation() == null ? "#" : unit.getInstanceLocation();
    for (String part : location.substring(1).split("/")) {
      if (!part.isEmpty()) {
        append(field, part.replace("~1", "/").replace("~0", "~"));
      }
    }
    if (keyword.equals("required") && unit.getError() != null) {
      String error = unit.getError();
      int start = error.indexOf('"');
      int end = error.lastIndexOf('"');
      if (start >= 0 && end > start) {
        append(field, error.substring(start + 1, end));
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }

  private static void append(StringBuilder field, String part) {
    if (part.chars().allMatch(Character::isDigit)) {
      field.append('[').append(part).append(']');
    } else {
      field.append(field.isEmpty() ? "" : ".").append(part);
    }
  }

  /** Plain words from the failing keyword and the value it has in the schema. */
  private String message(JsonSchema root, String keyword, OutputUnit unit) {
    Object schema = schemaOf(root, unit);
    Object value = member(schema, keyword);
    if (keyword.equals("required")) {
      return "is required";
    }
    if (value == null) {
      return unit.getError();
    }
    return switch (keyword) {
      case "type" -> "must be " + (value instanceof JsonArray types ? join(types, " or ") : article(value) + value);
      case "enum" -> "must be one of " + join((JsonArray) value, ", ");
      case "const" -> "must be " + value;
      case "pattern" -> "must match " + value + (member(schema, "examples") instanceof JsonArray examples && !examples.isEmpty()
          ? ", e.g. " + examples.getValue(0) : "");
      case "format" -> switch (String.valueOf(value)) {
        case "date" -> "must be a date YYYY-MM-DD";
        case "date-time" -> "must be a timestamp with offset, e.g. 2025-11-03T08:15:00+01:00";
        default -> "must be a valid " + value;
      };
      case "minLength" -> Integer.valueOf(1).equals(value) ? "must not be empty" : "must have at least " + value + " characters";
      case "maxLength" -> "must have at most " + value + " characters";
      case "minimum" -> "must be at least " + value;
      case "maximum" -> "must be at most " + value;
      case "minItems" -> "must have at least " + value + " item" + (Integer.valueOf(1).equals(value) ? "" : "s");
      case "maxItems" -> "must have at most " + value + " items";
      default -> unit.getError();
    };
  }

  /**
   * The (sub-)schema holding the failing keyword: through a {@code $ref} the keyword's absolute location names a
   * component of the document; otherwise its location is a path inside the schema that was validated.
   */
  private Object schemaOf(JsonSchema root, OutputUnit unit) {
    String keywordLocation = unit.getKeywordLocation();
    if (keywordLocation == null) {
      return null;
    }
    if (keywordLocation.contains("/$ref/") && unit.getAbsoluteKeywordLocation() != null) {
      String absolute = unit.getAbsoluteKeywordLocation();
      try {
        return schemas.find(absolute.substring(0, absolute.lastIndexOf('/')));
      } catch (RuntimeException e) {
        return null;
      }
    }
    String[] parts = keywordLocation.split("/");
    Object node = root;
    for (int i = 1; i < parts.length - 1 && node != null; i++) {
      node = member(node, parts[i]);
    }
    return node;
  }

  private static Object member(Object node, String name) {
    if (node instanceof JsonSchema schema) {
      return schema.get(name);
    }
    if (node instanceof JsonObject object) {
      return object.getValue(name);
    }
    if (node instanceof JsonArray array && !name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(name);
      return index < array.size() ? array.getValue(index) : null;
    }
    return null;
  }

  private static String article(Object type) {
    return "integer".equals(type) || "object".equals(type) || "array".equals(type) ? "an " : "a ";
  }

  private static String keyword(String keywordLocation) {
    return keywordLocation == null ? "" : keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
  }

  private static String join(JsonArray values, String separator) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(separator));
  }

  /** A path segment as the router would give it ({@code +} stays a plus); {@code ApiGate} has rejected malformed escapes. */
  private static String decode(String segment) {
    return segment.indexOf('%') < 0 ? segment : URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
