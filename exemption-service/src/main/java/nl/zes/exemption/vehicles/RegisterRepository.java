package nl.zes.exemption.vehicles;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.zes.exemption.domain.EmissionClass;
import nl.zes.exemption.domain.Vehicle;
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
                           maximum_mass_kg)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::int[])
      ON CONFLICT (plate) DO UPDATE SET vehicle_type = EXCLUDED.vehicle_type, eu_category = EXCLUDED.eu_category,
        body_style = EXCLUDED.body_style, first_admission = EXCLUDED.first_admission,
        first_registration_nl = EXCLUDED.first_registration_nl, maximum_mass_kg = EXCLUDED.maximum_mass_kg,
        imported_at = now()""";
  private static final String UPSERT_FUELS = """
      INSERT INTO vehicle_fuel (plate, sequence, fuel, emission_class)
      SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])
      ON CONFLICT (plate, sequence) DO UPDATE SET fuel = EXCLUDED.fuel, emission_class = EXCLUDED.emission_class,
        imported_at = now()""";
  private static final String UPSERT_BODIES = """
      INSERT INTO vehicle_body (plate, kind, code)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
      ON CONFLICT (plate, kind, code) DO UPDATE SET imported_at = now()""";
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
  /** The plates of one written batch: three index scans by array, no subquery per plate. */
  private static final String ASSEMBLED_SOME = ASSEMBLED_COLUMNS + """
      LEFT JOIN (SELECT plate, array_agg(sequence ORDER BY sequence) sequences, array_agg(fuel ORDER BY sequence) fuels,
                        array_agg(emission_class ORDER BY sequence) classes
                 FROM vehicle_fuel WHERE plate = ANY($1) GROUP BY plate) f ON f.plate = v.plate
      LEFT JOIN (SELECT plate, array_agg(kind::text) kinds, array_agg(code) codes
                 FROM vehicle_body WHERE plate = ANY($1) GROUP BY plate) b ON b.plate = v.plate
      WHERE v.plate = ANY($1)""";
  /** Every vehicle a row of any of the three tables was written for since $1 (imported_at is the writing tx's start). */
  private static final String ASSEMBLED_CHANGED = ASSEMBLED_EACH + """
      WHERE v.plate IN (SELECT plate FROM vehicle WHERE imported_at >= $1
                        UNION SELECT plate FROM vehicle_fuel WHERE imported_at >= $1
                        UNION SELECT plate FROM vehicle_body WHERE imported_at >= $1)""";
  private static final String ASSEMBLED_ALL = ASSEMBLED_COLUMNS + """
      LEFT JOIN (SELECT plate, array_agg(sequence ORDER BY sequence) sequences, array_agg(fuel ORDER BY sequence) fuels,
                        array_agg(emission_class ORDER BY sequence) classes
                 FROM vehicle_fuel GROUP BY plate) f ON f.plate = v.plate
      LEFT JOIN (SELECT plate, array_agg(kind::text) kinds, array_agg(code) codes
                 FROM vehicle_body GROUP BY plate) b ON b.plate = v.plate""";
  private static final int FETCH = 5_000;

  private final Pool pool;

  public RegisterRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Upserts one batch of rows of a dataset and, in the same transaction, reads back the assembled vehicles of
   * the plates it touched (a fuel or body row changes its vehicle). The caller updates the index once this
   * succeeds, that is after the commit.
   */
  public Future<List<Vehicle>> write(Dataset dataset, List<ParsedLine> rows) {
    Tuple upsert = switch (dataset) {
      case VEHICLES -> vehicles(rows);
      case FUELS -> fuels(rows);
      case BODIES -> bodies(rows);
    };
    String sql = switch (dataset) {
      case VEHICLES -> UPSERT_VEHICLES;
      case FUELS -> UPSERT_FUELS;
      case BODIES -> UPSERT_BODIES;
    };
    String[] plates = rows.stream().map(RegisterRepository::plateOf).distinct().toArray(String[]::new);
    return pool.withTransaction(conn -> conn.preparedQuery(sql).execute(upsert)
        .compose(v -> conn.preparedQuery(ASSEMBLED_SOME).execute(Tuple.of(plates)))
        .map(found -> {
          List<Vehicle> vehicles = new ArrayList<>(found.size());
          found.forEach(row -> vehicles.add(assemble(row)));
          return vehicles;
        }));
  }

  /** Streams every vehicle of the register (for building the index at start). */
  public Future<Integer> forEachVehicle(Consumer<Vehicle> sink) {
    return pool.withTransaction(conn -> stream(conn, ASSEMBLED_ALL, Tuple.tuple(), sink));
  }

  /** Streams the vehicles written by transactions that started at or after {@code since} (another instance's imports). */
  public Future<Integer> forEachVehicleChangedSince(OffsetDateTime since, Consumer<Vehicle> sink) {
    return pool.withTransaction(conn -> stream(conn, ASSEMBLED_CHANGED, Tuple.of(since), sink));
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

  /** Rows of the same key within one batch: the last one wins (one statement cannot update a row twice). */
  private static Tuple vehicles(List<ParsedLine> rows) {
    Map<String, VehicleRow> byPlate = new LinkedHashMap<>();
    rows.forEach(line -> byPlate.put(((VehicleRow) line).plate(), (VehicleRow) line));
    Collection<VehicleRow> unique = byPlate.values();
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
    return Tuple.of(plate, type, category, style, admission, registration, mass);
  }

  private static Tuple fuels(List<ParsedLine> rows) {
    Map<String, FuelRow> byKey = new LinkedHashMap<>();
    rows.forEach(line -> {
      FuelRow fuel = (FuelRow) line;
      byKey.put(fuel.plate() + '#' + fuel.sequence(), fuel);
    });
    int n = byKey.size();
    String[] plate = new String[n];
    Integer[] sequence = new Integer[n];
    String[] fuel = new String[n];
    String[] emissionClass = new String[n];
    int i = 0;
    for (FuelRow row : byKey.values()) {
      plate[i] = row.plate();
      sequence[i] = row.sequence();
      fuel[i] = row.fuel();
      emissionClass[i] = row.emissionClass().code();
      i++;
    }
    return Tuple.of(plate, sequence, fuel, emissionClass);
  }

  private static Tuple bodies(List<ParsedLine> rows) {
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
    return Tuple.of(plate, kind, code);
  }

  private static void addCode(Map<String, String[]> byKey, String plate, BodyKind kind, String code) {
    if (code != null && !code.isEmpty()) {
      byKey.put(plate + '#' + kind.letter + '#' + code, new String[] {plate, kind.letter, code});
    }
  }

  private static String plateOf(ParsedLine line) {
    if (line instanceof VehicleRow vehicle) {
      return vehicle.plate();
    }
    if (line instanceof FuelRow fuel) {
      return fuel.plate();
    }
    if (line instanceof BodyRow body) {
      return body.plate();
    }
    throw new IllegalArgumentException("a rejected line has no plate to write");
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
