package nl.zes.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/** The operations of docs/openapi.yaml (the copy in the gateway's jar), read with SnakeYAML for the tests. */
record OpenApiSpec(List<Operation> operations) {

  record Operation(String method, String path, boolean isPublic, Set<String> roles, List<String> queryParameters,
      List<String> requestMediaTypes) {

    /** The path with every {@code {parameter}} replaced by a sample value. */
    String samplePath() {
      return path.replaceAll("\\{[^}]+}", "x1");
    }
  }

  @SuppressWarnings("unchecked")
  static OpenApiSpec load() {
    try (InputStream in = OpenApiSpec.class.getClassLoader().getResourceAsStream(OpenApiDocs.SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OpenApiDocs.SPEC_RESOURCE + " is not on the class path");
      }
      Map<String, Object> root = new Yaml().load(in);
      Map<String, Object> parameters = (Map<String, Object>) ((Map<String, Object>) root.get("components")).get("parameters");
      List<Operation> operations = new ArrayList<>();
      Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) root.get("paths");
      paths.forEach((path, item) -> item.forEach((method, value) -> {
        if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
          return;
        }
        Map<String, Object> op = (Map<String, Object>) value;
        List<String> query = new ArrayList<>();
        for (Map<String, Object> parameter : (List<Map<String, Object>>) op.getOrDefault("parameters", List.of())) {
          Map<String, Object> resolved = parameter.containsKey("$ref")
              ? (Map<String, Object>) parameters.get(((String) parameter.get("$ref")).substring("#/components/parameters/".length()))
              : parameter;
          if ("query".equals(resolved.get("in"))) {
            query.add((String) resolved.get("name"));
          }
        }
        Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
        List<String> media = body == null ? List.of() : List.copyOf(((Map<String, Object>) body.get("content")).keySet());
        operations.add(new Operation(method.toUpperCase(), path, Boolean.TRUE.equals(op.get("x-public")),
            Set.copyOf((List<String>) op.getOrDefault("x-roles", List.of())), query, media));
      }));
      return new OpenApiSpec(List.copyOf(operations));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Operation> apiOperations() {
    return operations.stream().filter(op -> !op.isPublic()).toList();
  }

  List<Operation> publicOperations() {
    return operations.stream().filter(Operation::isPublic).toList();
  }
}
