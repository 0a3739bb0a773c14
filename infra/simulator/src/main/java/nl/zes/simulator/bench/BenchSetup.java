package nl.zes.simulator.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.zes.simulator.Fleet;
import nl.zes.simulator.Municipality;
import nl.zes.simulator.RegisterGenerator;
import nl.zes.simulator.RegisterSizes;
import nl.zes.simulator.ZesClient;

/** What every benchmark against a running ZES needs first: keys, and a register that passages resolve against. */
record BenchSetup(ZesClient client, List<Municipality> municipalities, Map<String, String> municipalityKeys,
    String reportingKey, Fleet fleet) {

  static BenchSetup prepare(String baseUrl, String adminKey, int vehicles, long seed, Consumer<String> out)
      throws IOException, InterruptedException {
    ZesClient client = new ZesClient(baseUrl);
    if (!client.awaitReady(java.time.Duration.ofMinutes(2))) {
      throw new IllegalStateException("ZES at " + baseUrl + " is not ready");
    }
    List<Municipality> municipalities = client.municipalities(adminKey);
    Map<String, String> keys = new LinkedHashMap<>();
    for (Municipality m : municipalities) {
      keys.put(m.code(), client.createKey(adminKey, "municipality", m.code(), "bench " + m.code()));
    }
    String reportingKey = client.createKey(adminKey, "reporting", null, "bench reporting");
    Path directory = Files.createTempDirectory("zes-bench-register");
    try {
      RegisterGenerator.Files3 files = new RegisterGenerator(seed, RegisterSizes.ofTotal(vehicles)).writeTo(directory);
      importAll(client, adminKey, files, out);
      return new BenchSetup(client, municipalities, keys, reportingKey, files.fleet());
    } finally {
      for (String name : new String[] {RegisterGenerator.VEHICLES_FILE, RegisterGenerator.FUELS_FILE,
          RegisterGenerator.BODIES_FILE}) {
        Files.deleteIfExists(directory.resolve(name));
      }
      Files.deleteIfExists(directory);
    }
  }

  /** Imports the three exports in order; returns the data lines sent and the seconds taken. */
  static double[] importAll(ZesClient client, String adminKey, RegisterGenerator.Files3 files, Consumer<String> out)
      throws IOException {
    long lines = 0;
    long start = System.nanoTime();
    for (Object[] dataset : new Object[][] {
        {"vehicles", files.vehicles()}, {"fuels", files.fuels()}, {"bodies", files.bodies()}}) {
      Path file = (Path) dataset[1];
      long rows;
      try (var stream = Files.lines(file)) {
        rows = stream.count() - 1;
      }
      long began = System.nanoTime();
      JsonObject answer = client.importRegister(adminKey, (String) dataset[0], file);
      double seconds = (System.nanoTime() - began) / 1e9;
      out.accept(String.format("import %-8s %,d rows in %.2f s = %,.0f rows/s (imported %,d, rejected %,d)",
          dataset[0], rows, seconds, rows / seconds, answer.getLong("imported", 0L),
          answer.getJsonArray("rejected", new io.vertx.core.json.JsonArray()).size()));
      lines += rows;
    }
    return new double[] {lines, (System.nanoTime() - start) / 1e9};
  }
}
