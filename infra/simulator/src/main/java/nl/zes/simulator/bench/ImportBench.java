package nl.zes.simulator.bench;

import java.nio.file.Path;
import nl.zes.simulator.RegisterGenerator;
import nl.zes.simulator.RegisterSizes;
import nl.zes.simulator.ZesClient;

/**
 * Register import through {@code POST /vehicles/import}: generates the three exports into {@code --dir} (kept,
 * so that bench/import.sh can COPY the very same rows into PostgreSQL as the baseline), imports them and prints
 * rows per second. {@code --url --admin-key --vehicles 1500000 --dir /tmp/zes-bench-import}
 */
public final class ImportBench {

  private ImportBench() {
  }

  public static double[] run(String baseUrl, String adminKey, int vehicles, Path dir) throws Exception {
    ZesClient client = new ZesClient(baseUrl);
    if (!client.awaitReady(java.time.Duration.ofMinutes(2))) {
      throw new IllegalStateException("ZES at " + baseUrl + " is not ready");
    }
    long start = System.nanoTime();
    RegisterGenerator.Files3 files = new RegisterGenerator(1, RegisterSizes.ofTotal(vehicles)).writeTo(dir);
    System.out.printf("generated %,d vehicles in %.1f s into %s%n", vehicles, (System.nanoTime() - start) / 1e9, dir);
    double[] result = BenchSetup.importAll(client, adminKey, files, System.out::println);
    System.out.printf("RESULT import rows=%.0f seconds=%.3f rows_per_s=%.0f%n", result[0], result[1],
        result[0] / result[1]);
    return result;
  }

  public static void main(String[] arguments) throws Exception {
    Args args = new Args(arguments);
    run(args.required("url"), args.required("admin-key"), args.integer("vehicles", 1_500_000),
        Path.of(args.string("dir", "/tmp/zes-bench-import")));
  }
}
