package nl.zes.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
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
import nl.zes.exemption.access.AccessService;
import nl.zes.exemption.domain.AccessDecision;
import nl.zes.exemption.domain.AccessRules;
import nl.zes.exemption.domain.Policy;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.index.AccessIndex;
import nl.zes.exemption.municipality.Municipalities;
import nl.zes.exemption.municipality.Municipality;
import nl.zes.exemption.municipality.MunicipalityRepository;
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
 * Access decisions in-process, one thread, against the exemption-service's own index: the synthetic register is
 * written as RDW CSV, read back with the service's parser and assembler, and put into an {@link AccessIndex}
 * (what the service builds at start). Measured:
 * <ul>
 *   <li>the heap that index takes (used heap after full GCs, before and after building it);</li>
 *   <li>{@link AccessService#decide} (index lookups of vehicle, exemptions and day exemptions + the rules) over
 *       the plates in random order, beside the baseline of a {@code HashMap} lookup by plate only;</li>
 *   <li>{@link AccessService#batch}, the {@code exemptions.access.batch} message handler, JSON in and out, in
 *       batches of 1,000 (everything of a batch request except the event bus itself).</li>
 * </ul>
 * Also prints the verdict mix on a late-2025 day (a check of the simulator's fleet against the real rules).
 * {@code --vehicles 1500000 --seconds 10}
 */
public final class AccessRulesBench {

  private static final String MUNICIPALITY = "GM0344";
  private static final String AT = "2025-11-18T10:30:00+01:00";

  private AccessRulesBench() {
  }

  public static void main(String[] arguments) throws Exception {
    int vehicles = intArg(arguments, "--vehicles", 1_500_000);
    double seconds = intArg(arguments, "--seconds", 10);
    Path dir = Files.createTempDirectory("zes-bench-access");
    long heapBefore = usedHeap();
    AccessIndex index = new AccessIndex();
    String[] plates;
    try {
      RegisterGenerator.Files3 files = new RegisterGenerator(1, RegisterSizes.ofTotal(vehicles)).writeTo(dir);
      plates = load(files, index);
    } finally {
      for (Path f : Files.list(dir).toList()) {
        Files.delete(f);
      }
      Files.delete(dir);
    }
    long withPlates = usedHeap();
    // the plates (array and strings) are the bench's, not the index's (which keeps plates as numbers): measured as
    // what a copy of them adds
    String[] copy = new String[plates.length];
    for (int i = 0; i < plates.length; i++) {
      copy[i] = new String(plates[i]);
    }
    long platesBytes = usedHeap() - withPlates;
    copy = null;
    long indexBytes = withPlates - heapBefore - platesBytes;
    System.out.printf("RESULT access-index vehicles=%d heap_mb=%.1f bytes_per_vehicle=%.0f%n", index.vehicleCount(),
        indexBytes / 1e6, (double) indexBytes / index.vehicleCount());

    AccessRules rules = new AccessRules(Policy.defaults());
    Municipality municipality = new Municipality(MUNICIPALITY, "Utrecht",
        List.of(new Municipality.Zone("Z1", "Utrecht", LocalDate.of(2025, 1, 1))), LocalDate.of(2025, 1, 1), null);
    Municipalities municipalities = inMemory(municipality);
    AccessService service = new AccessService(rules, index, municipalities);
    Instant at = Instant.parse("2025-11-18T09:30:00Z");
    SplittableRandom random = new SplittableRandom(1);
    // plates in random order, read in sequence: as a batch brings them, without an index array between
    String[] order = new String[1 << 20];
    for (int i = 0; i < order.length; i++) {
      order[i] = plates[random.nextInt(plates.length)];
    }
    Map<String, Integer> verdicts = new TreeMap<>();
    for (String plate : plates) {
      Vehicle v = index.vehicle(plate);
      AccessDecision d = service.decide(plate, false, municipality, null, at);
      verdicts.merge(v.kind() + " " + (d.allowed() ? "allowed " : "refused ") + d.ruleId(), 1, Integer::sum);
    }
    System.out.println("verdicts on 2025-11-18 without exemptions:");
    verdicts.forEach((k, n) -> System.out.printf("  %-45s %,9d  %5.2f%%%n", k, n, 100.0 * n / plates.length));

    Map<String, Vehicle> map = new HashMap<>(plates.length * 2);
    for (String plate : plates) {
      map.put(plate, index.vehicle(plate));
    }
    double lookups = measure("HashMap lookup only (baseline)", seconds, () -> {
      long sink = 0;
      for (int i = 0; i < order.length; i++) {
        sink += map.get(order[i]).kind().ordinal();
      }
      return sink;
    }, order.length);
    map.clear();
    double decisions = measure("index + AccessRules.decide", seconds, () -> {
      long sink = 0;
      for (int i = 0; i < order.length; i++) {
        sink += service.decide(order[i], false, municipality, null, at).allowed() ? 1 : 0;
      }
      return sink;
    }, order.length);
    double batched = batches(service, order, seconds);
    System.out.printf("RESULT access-in-process decisions_per_s=%.0f baseline_lookups_per_s=%.0f ratio=%.3f"
        + " batch_json_per_s=%.0f%n", decisions, lookups, decisions / lookups, batched);
  }

  /** {@link AccessService#batch} on requests of 1,000 items, as the passage-service sends them (built beforehand). */
  private static double batches(AccessService service, String[] order, double seconds) {
    int size = 1_000;
    JsonObject[] requests = new JsonObject[256];
    for (int b = 0; b < requests.length; b++) {
      JsonArray items = new JsonArray();
      for (int i = 0; i < size; i++) {
        items.add(new JsonObject().put("plate", order[b * size + i]).put("country", "NL")
            .put("municipality", MUNICIPALITY).put("zone", "Z1").put("at", AT));
      }
      requests[b] = new JsonObject().put("items", items);
    }
    return measure("AccessService.batch (JSON)", seconds, () -> {
      long sink = 0;
      for (JsonObject request : requests) {
        sink += service.batch(request).getJsonArray("items").size();
      }
      return sink;
    }, requests.length * size);
  }

  /** The service's municipalities without a database: the bench only reads them (set as {@code load} would). */
  private static Municipalities inMemory(Municipality municipality) throws ReflectiveOperationException {
    Municipalities municipalities = new Municipalities(new MunicipalityRepository(null));
    Field byCode = Municipalities.class.getDeclaredField("byCode");
    byCode.setAccessible(true);
    byCode.set(municipalities, Map.of(municipality.code(), municipality));
    return municipalities;
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

  /** Parses the three exports and puts every assembled vehicle into the index; returns the plates. */
  private static String[] load(RegisterGenerator.Files3 files, AccessIndex index) throws IOException {
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
    String[] plates = new String[vehicles.size()];
    int i = 0;
    for (VehicleRow v : vehicles.values()) {
      Vehicle vehicle = VehicleAssembler.assemble(v, fuels.getOrDefault(v.plate(), List.of()),
          bodies.getOrDefault(v.plate(), List.of()));
      index.putVehicle(vehicle);
      plates[i++] = vehicle.plate();
    }
    return plates;
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
