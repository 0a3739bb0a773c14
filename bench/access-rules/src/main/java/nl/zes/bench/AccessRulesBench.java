package nl.zes.bench;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import nl.zes.exemption.domain.AccessDecision;
import nl.zes.exemption.domain.AccessRules;
import nl.zes.exemption.domain.Policy;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.register.BodyRow;
import nl.zes.exemption.register.Dataset;
import nl.zes.exemption.register.FuelRow;
import nl.zes.exemption.register.ParsedLine;
import nl.zes.exemption.register.RdwCsvReader;
import nl.zes.exemption.register.Rejection;
import nl.zes.exemption.register.VehicleAssembler;
import nl.zes.exemption.register.VehicleRow;
import nl.zes.simulator.RegisterGenerator;
import nl.zes.simulator.RegisterSizes;

/**
 * Access decisions in-process, one thread: the synthetic register is written as RDW CSV, read back with the
 * exemption-service's own parser and assembler, and {@link AccessRules#decide} is timed over the vehicles in
 * random order, beside the baseline of only looking each vehicle up in a HashMap by plate. Also prints the
 * verdict mix on a late-2025 day (a check of the simulator's fleet against the real rules) and the heap the
 * plate → vehicle map takes.
 * {@code --vehicles 1500000 --seconds 10}
 */
public final class AccessRulesBench {

  private AccessRulesBench() {
  }

  public static void main(String[] arguments) throws Exception {
    int vehicles = intArg(arguments, "--vehicles", 1_500_000);
    double seconds = intArg(arguments, "--seconds", 10);
    Path dir = Files.createTempDirectory("zes-bench-access");
    long heapBefore = usedHeap();
    Map<String, Vehicle> index;
    try {
      RegisterGenerator.Files3 files = new RegisterGenerator(1, RegisterSizes.ofTotal(vehicles)).writeTo(dir);
      index = load(files);
    } finally {
      for (Path f : Files.list(dir).toList()) {
        Files.delete(f);
      }
      Files.delete(dir);
    }
    System.out.printf("plate → vehicle map of %,d vehicles: about %,d MB of heap%n", index.size(),
        (usedHeap() - heapBefore) / 1_000_000);

    AccessRules rules = new AccessRules(Policy.defaults());
    LocalDate zoneStart = LocalDate.of(2025, 1, 1);
    Instant at = Instant.parse("2025-11-18T09:30:00Z");
    String[] plates = index.keySet().toArray(String[]::new);
    SplittableRandom random = new SplittableRandom(1);
    int[] order = new int[1 << 20];
    for (int i = 0; i < order.length; i++) {
      order[i] = random.nextInt(plates.length);
    }
    Map<String, Integer> verdicts = new TreeMap<>();
    for (Vehicle v : index.values()) {
      AccessDecision d = rules.decide(v, false, zoneStart, at, List.of(), List.of());
      verdicts.merge(v.kind() + " " + (d.allowed() ? "allowed " : "refused ") + d.ruleId(), 1, Integer::sum);
    }
    System.out.println("verdicts on 2025-11-18 without exemptions:");
    verdicts.forEach((k, n) -> System.out.printf("  %-45s %,9d  %5.2f%%%n", k, n, 100.0 * n / index.size()));

    double lookups = measure("HashMap lookup only (baseline)", seconds, () -> {
      long sink = 0;
      for (int i = 0; i < order.length; i++) {
        sink += index.get(plates[order[i]]).firstAdmission().getDayOfMonth();
      }
      return sink;
    }, order.length);
    double decisions = measure("lookup + AccessRules.decide", seconds, () -> {
      long sink = 0;
      for (int i = 0; i < order.length; i++) {
        sink += rules.decide(index.get(plates[order[i]]), false, zoneStart, at, List.of(), List.of()).allowed() ? 1 : 0;
      }
      return sink;
    }, order.length);
    System.out.printf("RESULT access-in-process decisions_per_s=%.0f baseline_lookups_per_s=%.0f ratio=%.3f%n",
        decisions, lookups, decisions / lookups);
  }

  private interface Pass {
    long run();
  }

  private static double measure(String label, double seconds, Pass pass, int perPass) {
    long sink = 0;
    long warm = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < warm) {
      sink += pass.run();
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long ops = 0;
    while (System.nanoTime() < end) {
      sink += pass.run();
      ops += perPass;
    }
    double rate = ops / ((System.nanoTime() - start) / 1e9);
    System.out.printf("%-32s %,14.0f per second, one thread (sink %d)%n", label, rate, sink & 1);
    return rate;
  }

  private static Map<String, Vehicle> load(RegisterGenerator.Files3 files) throws IOException {
    Map<String, VehicleRow> vehicles = new HashMap<>();
    Map<String, List<FuelRow>> fuels = new HashMap<>();
    Map<String, List<BodyRow>> bodies = new HashMap<>();
    Map<String, Integer> rejected = new TreeMap<>();
    for (Object[] d : new Object[][] {{Dataset.VEHICLES, files.vehicles()}, {Dataset.FUELS, files.fuels()},
        {Dataset.BODIES, files.bodies()}}) {
      try (Reader reader = Files.newBufferedReader((Path) d[1]);
           RdwCsvReader lines = RdwCsvReader.open((Dataset) d[0], reader)) {
        while (lines.hasNext()) {
          ParsedLine line = lines.next();
          if (line instanceof VehicleRow v) {
            vehicles.put(v.plate(), v);
          } else if (line instanceof FuelRow f) {
            fuels.computeIfAbsent(f.plate(), k -> new ArrayList<>(1)).add(f);
          } else if (line instanceof BodyRow b) {
            bodies.computeIfAbsent(b.plate(), k -> new ArrayList<>(1)).add(b);
          } else if (line instanceof Rejection r) {
            rejected.merge(d[0] + ": " + r.error().replaceAll("'[^']*'", "'…'"), 1, Integer::sum);
          }
        }
      } catch (nl.zes.exemption.register.MissingColumnException e) {
        throw new IllegalStateException(e);
      }
    }
    System.out.printf("parsed with the exemption-service's RdwCsvReader: %,d vehicles, rejected lines: %s%n",
        vehicles.size(), rejected.isEmpty() ? "none" : rejected);
    Map<String, Vehicle> index = new HashMap<>(vehicles.size() * 2);
    for (VehicleRow v : vehicles.values()) {
      index.put(v.plate(), VehicleAssembler.assemble(v, fuels.getOrDefault(v.plate(), List.of()),
          bodies.getOrDefault(v.plate(), List.of())));
    }
    return index;
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed();
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
