package nl.zes.exemption.vehicles;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import nl.zes.exemption.domain.EmissionClass;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.index.AccessIndex;
import nl.zes.exemption.register.BodyRow;
import nl.zes.exemption.register.Dataset;
import nl.zes.exemption.register.FuelRow;
import nl.zes.exemption.register.ParsedLine;
import nl.zes.exemption.register.VehicleAssembler;
import nl.zes.exemption.register.VehicleRow;

/**
 * The register tables: one per RDW export, upserted by natural key (plate; plate and fuel sequence; plate, kind
 * and code of a body row), so importing the same export twice changes nothing. The normalised vehicle is
 * assembled from all three when it is read.
 */
public final class RegisterRepository {

  private static final String UPSERT_VEHICLES = """
      INSERT INTO vehicle (plate, vehicle_type, eu_category, body_style, first_admission, first_registration_nl,
                           maximum_mass_kg, written_by)
      SELECT u.*, $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::int[]) u
      ON CONFLICT (plate) DO UPDATE SET vehicle_type = EXCLUDED.vehicle_type, eu_category = EXCLUDED.eu_category,
        body_style = EXCLUDED.body_style, first_admission = EXCLUDED.first_admission,
        first_registration_nl = EXCLUDED.first_registration_nl, maximum_mass_kg = EXCLUDED.maximum_mass_kg,
        imported_at = now(), written_by = EXCLUDED.written_by""";
  private static final String UPSERT_FUELS = """
      INSERT INTO vehicle_fuel (plate, sequence, fuel, emission_class, written_by)
      SELECT u.*, $5 FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) u
      ON CONFLICT (plate, sequence) DO UPDATE SET fuel = EXCLUDED.fuel, emission_class = EXCLUDED.emission_class,
        imported_at = now(), written_by = EXCLUDED.written_by""";
  private static final String UPSERT_BODIES = """
      INSERT INTO vehicle_body (plate, kind, code, written_by)
      SELECT u.*, $4 FROM unnest($1::text[], $2::text[], $3::text[]) u
      ON CONFLICT (plate, kind, code) DO UPDATE SET imported_at = now(), written_by = EXCLUDED.written_by""";
  private static final String ASSEMBLED_COLUMNS = """
      SELECT v.plate, v.vehicle_type, v.eu_category, v.body_style, v.first_admission, v.first_registration_nl,
             v.maximum_mass_kg, f.sequences, f.fuels, f.classes, b.kinds, b.codes
      FROM vehicle v
      """;
  private static final String ASSEMBLED_EACH = ASSEMBLED_COLUMNS + """
      LEFT JOIN LATERAL (SELECT array_agg(sequence ORDER BY sequence) sequences, array_agg(fuel ORDER BY sequence) fuels,
                                array_agg(emission_class ORDER BY sequence) classes
                         FROM vehicle_fuel WHERE plate = v.plate) f ON true
      LEFT JOIN LATERAL (SELECT array_agg(kind::text) kinds, array_agg(code) codes
                         FROM vehicle_body WHERE plate = v.plate) b ON true
      """;
  /**
   * Every import transaction: generic plans, so {@code plate = ANY($1)} with 10,000 plates is an index scan planned
   * once per connection, not a custom plan estimated element by element (which also picked sequential scans).
   */
  private static final String IMPORT_PLANS = "SET LOCAL plan_cache_mode = force_generic_plan";
  private static final String FUELS_OF = "SELECT plate, sequence, fuel, emission_class FROM vehicle_fuel WHERE plate = ANY($1)";
  private static final String BODIES_OF = "SELECT plate, kind::text, code FROM vehicle_body WHERE plate = ANY($1)";
  /**
   * Every vehicle a row of any of the three tables was written for since $1 (imported_at is the writing tx's
   * start) by another instance than $2.
   */
  private static final String ASSEMBLED_CHANGED = ASSEMBLED_EACH + """
      WHERE v.plate IN (SELECT plate FROM vehicle WHERE imported_at >= $1 AND written_by IS DISTINCT FROM $2
                        UNION SELECT plate FROM vehicle_fuel WHERE imported_at >= $1 AND written_by IS DISTINCT FROM $2
                        UNION SELECT plate FROM vehicle_body WHERE imported_at >= $1 AND written_by IS DISTINCT FROM $2)""";
  private static final String ASSEMBLED_ALL = ASSEMBLED_COLUMNS + """
      LEFT JOIN (SELECT plate, array_agg(sequence ORDER BY sequence) sequences, array_agg(fuel ORDER BY sequence) fuels,
                        array_agg(emission_class ORDER BY sequence) classes
                 FROM vehicle_fuel GROUP BY plate) f ON f.plate = v.plate
      LEFT JOIN (SELECT plate, array_agg(kind::text) kinds, array_agg(code) codes
                 FROM vehicle_body GROUP BY plate) b ON b.plate = v.plate""";
  private static final int FETCH = 5_000;

  private final Pool pool;
  /** Marks the rows this instance writes: its follower leaves them out, its imports put them into its index. */
  private final String instance = UUID.randomUUID().toString();
  /** Batches whose index entries were derived and are not yet put (all on the event loop, like the index). */
  private int writesInFlight;
  private long writesStarted;

  public RegisterRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Upserts one batch of rows of a dataset in one statement and one transaction and, after the commit, puts the
   * assembled vehicles of the plates it touched (a fuel or body row changes its vehicle) into the index. They are
   * derived from the written rows and what the index holds of each plate; PostgreSQL is read, in the same transaction, only for what
   * the index cannot know: the fuel and body rows of a plate new to the index, and the other fuels of a plate
   * that has some already. A plate with no vehicle row known gets no vehicle yet (the vehicles export brings it).
   */
  public Future<List<Vehicle>> write(Dataset dataset, List<ParsedLine> rows, AccessIndex index) {
    writesInFlight++;
    writesStarted++;
    Function<String, Vehicle> known = index::vehicle;
    return pool.withTransaction(conn -> {
      Future<?> settings = conn.query(IMPORT_PLANS).execute();
      Future<List<Vehicle>> written = switch (dataset) {
        case VEHICLES -> writeVehicles(conn, rows, known);
        case FUELS -> writeFuels(conn, rows, known);
        case BODIES -> writeBodies(conn, rows, known);
      };
      return Future.all(settings, written).map(v -> written.result());
    }).onSuccess(vehicles -> vehicles.forEach(index::putVehicle)).onComplete(ar -> writesInFlight--);
  }

  /**
   * For the follower, before it reads: a mark when no batch of this instance's imports is being written, else -1.
   * A batch derives its vehicles from the index, which may not have another instance's latest rows yet.
   */
  public long quietMark() {
    return writesInFlight == 0 ? writesStarted : -1;
  }

  /**
   * True when no batch of this instance was written since {@code mark} was taken: what the follower read then is
   * not older than what such a batch put, nor did such a batch miss what it read. Else it reads the same span
   * again.
   */
  public boolean quietSince(long mark) {
    return mark >= 0 && writesInFlight == 0 && writesStarted == mark;
  }

  /** Rows of the same plate within one batch: the last one wins (one statement cannot update a row twice). */
  private Future<List<Vehicle>> writeVehicles(SqlConnection conn, List<ParsedLine> lines,
      Function<String, Vehicle> known) {
    Map<String, VehicleRow> byPlate = new LinkedHashMap<>();
    lines.forEach(line -> byPlate.put(((VehicleRow) line).plate(), (VehicleRow) line));
    Future<?> upsert = conn.preparedQuery(UPSERT_VEHICLES).execute(vehicles(byPlate.values()));
    List<Vehicle> vehicles = new ArrayList<>(byPlate.size());
    List<VehicleRow> unknown = new ArrayList<>();
    for (VehicleRow row : byPlate.values()) {
      Vehicle before = known.apply(row.plate());
      if (before == null) {
        unknown.add(row);
      } else {
        vehicles.add(VehicleAssembler.withVehicleRow(before, row));
      }
    }
    if (unknown.isEmpty()) {
      return upsert.map(v -> vehicles);
    }
    Tuple plates = Tuple.of(unknown.stream().map(VehicleRow::plate).toArray(String[]::new));
    Future<RowSet<Row>> fuels = conn.preparedQuery(FUELS_OF).execute(plates);
    Future<RowSet<Row>> bodies = conn.preparedQuery(BODIES_OF).execute(plates);
    return Future.all(upsert, fuels, bodies).map(v -> {
      Map<String, List<FuelRow>> fuelsByPlate = fuelRows(fuels.result());
      Map<String, List<BodyRow>> bodiesByPlate = new HashMap<>();
      bodies.result().forEach(row -> bodiesByPlate.computeIfAbsent(row.getString("plate"), p -> new ArrayList<>(1))
          .add(BodyKind.of(row.getString("kind")).row(row.getString("plate"), row.getString("code"))));
      for (VehicleRow row : unknown) {
        vehicles.add(VehicleAssembler.assemble(row, fuelsByPlate.getOrDefault(row.plate(), List.of()),
            bodiesByPlate.getOrDefault(row.plate(), List.of())));
      }
      return vehicles;
    });
  }

  private Future<List<Vehicle>> writeFuels(SqlConnection conn, List<ParsedLine> lines,
      Function<String, Vehicle> known) {
    Map<String, FuelRow> byKey = new LinkedHashMap<>();
    lines.forEach(line -> {
      FuelRow fuel = (FuelRow) line;
      byKey.put(fuel.plate() + '#' + fuel.sequence(), fuel);
    });
    Future<?> upsert = conn.preparedQuery(UPSERT_FUELS).execute(fuels(byKey.values()));
    Map<String, List<FuelRow>> byPlate = new LinkedHashMap<>();
    byKey.values().forEach(fuel -> byPlate.computeIfAbsent(fuel.plate(), p -> new ArrayList<>(2)).add(fuel));
    List<Vehicle> vehicles = new ArrayList<>(byPlate.size());
    Map<String, Vehicle> withOtherFuels = new HashMap<>();
    byPlate.forEach((plate, fuels) -> {
      Vehicle before = known.apply(plate);
      if (before != null && before.fuels().isEmpty()) {
        vehicles.add(VehicleAssembler.withFuels(before, fuels));
      } else if (before != null) {
        withOtherFuels.put(plate, before);
      }
    });
    if (withOtherFuels.isEmpty()) {
      return upsert.map(v -> vehicles);
    }
    // after the upsert on the same connection: reads this batch's rows with the plate's earlier ones
    Future<RowSet<Row>> all = conn.preparedQuery(FUELS_OF)
        .execute(Tuple.of(withOtherFuels.keySet().toArray(String[]::new)));
    return Future.all(upsert, all).map(v -> {
      fuelRows(all.result()).forEach((plate, fuels) ->
          vehicles.add(VehicleAssembler.withFuels(withOtherFuels.get(plate), fuels)));
      return vehicles;
    });
  }

  private Future<List<Vehicle>> writeBodies(SqlConnection conn, List<ParsedLine> lines,
      Function<String, Vehicle> known) {
    Future<?> upsert = conn.preparedQuery(UPSERT_BODIES).execute(bodies(lines));
    Map<String, List<BodyRow>> byPlate = new LinkedHashMap<>();
    lines.forEach(line -> byPlate.computeIfAbsent(((BodyRow) line).plate(), p -> new ArrayList<>(1))
        .add((BodyRow) line));
    List<Vehicle> vehicles = new ArrayList<>(byPlate.size());
    byPlate.forEach((plate, bodies) -> {
      Vehicle before = known.apply(plate);
      if (before != null) {
        vehicles.add(VehicleAssembler.withBodies(before, bodies));
      }
    });
    return upsert.map(v -> vehicles);
  }

  private static Map<String, List<FuelRow>> fuelRows(RowSet<Row> rows) {
    Map<String, List<FuelRow>> byPlate = new HashMap<>();
    rows.forEach(row -> byPlate.computeIfAbsent(row.getString("plate"), p -> new ArrayList<>(2))
        .add(new FuelRow(0, row.getString("plate"), row.getInteger("sequence"), row.getString("fuel"),
            EmissionClass.parse(row.getString("emission_class")))));
    return byPlate;
  }

  /** Streams every vehicle of the register (for building the index at start). */
  public Future<Integer> forEachVehicle(Consumer<Vehicle> sink) {
    return pool.withTransaction(conn -> stream(conn, ASSEMBLED_ALL, Tuple.tuple(), sink));
  }

  /** Streams the vehicles written by transactions that started at or after {@code since} (another instance's imports). */
  public Future<Integer> forEachVehicleChangedSince(OffsetDateTime since, Consumer<Vehicle> sink) {
    return pool.withTransaction(conn -> stream(conn, ASSEMBLED_CHANGED, Tuple.of(since, instance), sink));
  }

  private static Future<Integer> stream(SqlConnection conn, String sql, Tuple arguments, Consumer<Vehicle> sink) {
    return conn.prepare(sql).compose(statement -> {
      Promise<Integer> done = Promise.promise();
      RowStream<Row> rows = statement.createStream(FETCH, arguments);
      int[] count = {0};
      rows.exceptionHandler(done::tryFail);
      rows.endHandler(v -> done.tryComplete(count[0]));
      rows.handler(row -> {
        sink.accept(assemble(row));
        count[0]++;
      });
      return done.future();
    });
  }

  private Tuple vehicles(Collection<VehicleRow> unique) {
    int n = unique.size();
    String[] plate = new String[n];
    String[] type = new String[n];
    String[] category = new String[n];
    String[] style = new String[n];
    LocalDate[] admission = new LocalDate[n];
    LocalDate[] registration = new LocalDate[n];
    Integer[] mass = new Integer[n];
    int i = 0;
    for (VehicleRow row : unique) {
      plate[i] = row.plate();
      type[i] = row.vehicleType();
      category[i] = row.euCategory();
      style[i] = row.bodyStyle();
      admission[i] = row.firstAdmission();
      registration[i] = row.firstRegistrationNl();
      mass[i] = row.maximumMassKg();
      i++;
    }
    return Tuple.of(plate, type, category, style, admission, registration, mass, instance);
  }

  private Tuple fuels(Collection<FuelRow> unique) {
    int n = unique.size();
    String[] plate = new String[n];
    Integer[] sequence = new Integer[n];
    String[] fuel = new String[n];
    String[] emissionClass = new String[n];
    int i = 0;
    for (FuelRow row : unique) {
      plate[i] = row.plate();
      sequence[i] = row.sequence();
      fuel[i] = row.fuel();
      emissionClass[i] = row.emissionClass().code();
      i++;
    }
    return Tuple.of(plate, sequence, fuel, emissionClass, instance);
  }

  private Tuple bodies(List<ParsedLine> rows) {
    Map<String, String[]> byKey = new LinkedHashMap<>();
    for (ParsedLine line : rows) {
      BodyRow body = (BodyRow) line;
      addCode(byKey, body.plate(), BodyKind.BODY_CODE, body.bodyCode());
      addCode(byKey, body.plate(), BodyKind.EUROPEAN_BODY_TYPE, body.europeanBodyType());
      addCode(byKey, body.plate(), BodyKind.REMARK_CODE, body.remarkCode());
    }
    int n = byKey.size();
    String[] plate = new String[n];
    String[] kind = new String[n];
    String[] code = new String[n];
    int i = 0;
    for (String[] entry : byKey.values()) {
      plate[i] = entry[0];
      kind[i] = entry[1];
      code[i] = entry[2];
      i++;
    }
    return Tuple.of(plate, kind, code, instance);
  }

  private static void addCode(Map<String, String[]> byKey, String plate, BodyKind kind, String code) {
    if (code != null && !code.isEmpty()) {
      byKey.put(plate + '#' + kind.letter + '#' + code, new String[] {plate, kind.letter, code});
    }
  }

  private static Vehicle assemble(Row row) {
    String plate = row.getString("plate");
    VehicleRow vehicle = new VehicleRow(0, plate, row.getString("vehicle_type"), row.getString("eu_category"),
        row.getString("body_style"), row.getLocalDate("first_admission"), row.getLocalDate("first_registration_nl"),
        row.getInteger("maximum_mass_kg"));
    List<FuelRow> fuels = new ArrayList<>(2);
    Integer[] sequences = row.getArrayOfIntegers("sequences");
    if (sequences != null) {
      String[] names = row.getArrayOfStrings("fuels");
      String[] classes = row.getArrayOfStrings("classes");
      for (int i = 0; i < sequences.length; i++) {
        fuels.add(new FuelRow(0, plate, sequences[i], names[i], EmissionClass.parse(classes[i])));
      }
    }
    List<BodyRow> bodies = new ArrayList<>(1);
    String[] kinds = row.getArrayOfStrings("kinds");
    if (kinds != null) {
      String[] codes = row.getArrayOfStrings("codes");
      for (int i = 0; i < kinds.length; i++) {
        bodies.add(BodyKind.of(kinds[i]).row(plate, codes[i]));
      }
    }
    return VehicleAssembler.assemble(vehicle, fuels, bodies);
  }

  /** The column of a body export a code came from, stored as one letter. */
  private enum BodyKind {
    BODY_CODE("B"),
    EUROPEAN_BODY_TYPE("T"),
    REMARK_CODE("R");

    private final String letter;

    BodyKind(String letter) {
      this.letter = letter;
    }

    static BodyKind of(String letter) {
      for (BodyKind kind : values()) {
        if (kind.letter.equals(letter)) {
          return kind;
        }
      }
      throw new IllegalStateException("unknown body kind " + letter);
    }

    BodyRow row(String plate, String code) {
      return switch (this) {
        case BODY_CODE -> new BodyRow(0, plate, code, null, null);
        case EUROPEAN_BODY_TYPE -> new BodyRow(0, plate, null, code, null);
        case REMARK_CODE -> new BodyRow(0, plate, null, null, code);
      };
    }
  }
}
