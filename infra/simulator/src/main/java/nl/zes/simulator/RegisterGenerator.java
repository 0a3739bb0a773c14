package nl.zes.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a synthetic register as RDW open-data CSV exports — vehicles, fuels and body work — with RDW's column
 * names (the API style), {@code yyyymmdd} dates and a few columns the importer does not know. Rows are streamed
 * to the writers as they are made; only the plates are kept, compactly, in the returned {@link Fleet}.
 * The same seed and sizes give the same bytes.
 */
public final class RegisterGenerator {

  public static final String VEHICLES_FILE = "Open_Data_RDW__Gekentekende_voertuigen.csv";
  public static final String FUELS_FILE = "Open_Data_RDW__Gekentekende_voertuigen_brandstof.csv";
  public static final String BODIES_FILE = "Open_Data_RDW__Gekentekende_voertuigen_carrosserie.csv";

  static final String[] VEHICLE_HEADER = {
      "kenteken", "voertuigsoort", "merk", "handelsbenaming", "vervaldatum_apk", "inrichting", "aantal_zitplaatsen",
      "eerste_kleur", "massa_rijklaar", "toegestane_maximum_massa_voertuig", "datum_eerste_toelating",
      "datum_eerste_tenaamstelling_in_nederland", "catalogusprijs", "wam_verzekerd", "europese_voertuigcategorie"};
  static final String[] FUEL_HEADER = {
      "kenteken", "brandstof_volgnummer", "brandstof_omschrijving", "brandstofverbruik_gecombineerd",
      "co2_uitstoot_gecombineerd", "emissiecode_omschrijving", "uitlaatemissieniveau", "nettomaximumvermogen"};
  static final String[] BODY_HEADER = {
      "kenteken", "carrosserie_volgnummer", "carrosserietype", "type_carrosserie_europese_omschrijving",
      "carrosseriecode", "bijzonderheid_code"};

  private static final String[] COLOURS = {"WIT", "WIT", "WIT", "GRIJS", "ZWART", "BLAUW", "ROOD", "ZILVER"};

  private final long seed;
  private final RegisterSizes sizes;

  public RegisterGenerator(long seed, RegisterSizes sizes) {
    this.seed = seed;
    this.sizes = sizes;
  }

  /** The three exports written into a directory. */
  public record Files3(Path vehicles, Path fuels, Path bodies, Fleet fleet) {
  }

  public Files3 writeTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path vehicles = directory.resolve(VEHICLES_FILE);
    Path fuels = directory.resolve(FUELS_FILE);
    Path bodies = directory.resolve(BODIES_FILE);
    try (BufferedWriter v = Files.newBufferedWriter(vehicles, StandardCharsets.UTF_8);
         BufferedWriter f = Files.newBufferedWriter(fuels, StandardCharsets.UTF_8);
         BufferedWriter b = Files.newBufferedWriter(bodies, StandardCharsets.UTF_8)) {
      return new Files3(vehicles, fuels, bodies, write(v, f, b));
    }
  }

  /** Streams the three exports; the writers are flushed, not closed. */
  public Fleet write(Writer vehicles, Writer fuels, Writer bodies) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    FleetModel model = new FleetModel(new PlateMint(seed));
    Fleet.Builder fleet = new Fleet.Builder();
    CSVPrinter vehicleCsv = printer(vehicles, VEHICLE_HEADER);
    CSVPrinter fuelCsv = printer(fuels, FUEL_HEADER);
    CSVPrinter bodyCsv = printer(bodies, BODY_HEADER);
    long vans = sizes.vans();
    long trucks = sizes.trucks();
    long cars = sizes.cars();
    // Kinds interleaved at random with exact totals, as in an export sorted by plate.
    for (long left = sizes.total(); left > 0; left--) {
      long pick = random.nextLong(left);
      VehicleKind kind;
      if (pick < vans) {
        kind = VehicleKind.VAN;
        vans--;
      } else if (pick < vans + trucks) {
        kind = VehicleKind.TRUCK;
        trucks--;
      } else {
        kind = VehicleKind.CAR;
        cars--;
      }
      SyntheticVehicle vehicle = model.next(kind, random);
      fleet.add(vehicle);
      printVehicle(vehicleCsv, vehicle, random);
      printFuels(fuelCsv, vehicle, random);
      printBody(bodyCsv, vehicle);
    }
    vehicleCsv.flush();
    fuelCsv.flush();
    bodyCsv.flush();
    return fleet.build();
  }

  private static CSVPrinter printer(Writer writer, String[] header) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader(header).get().print(writer);
  }

  private static void printVehicle(CSVPrinter csv, SyntheticVehicle v, SplittableRandom random) throws IOException {
    LocalDate inspection = FleetModel.between(random, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 10, 31));
    csv.printRecord(
        v.plate(), v.vehicleType(), v.make(), v.model(), yyyymmdd(inspection), v.bodyStyle(),
        v.kind() == VehicleKind.CAR ? 5 : 2 + random.nextInt(2), COLOURS[random.nextInt(COLOURS.length)],
        v.kerbMassKg(), mass(v.maximumMassKg(), random), yyyymmdd(v.firstAdmission()),
        yyyymmdd(v.registeredInNl()), thousands(20_000 + random.nextInt(80) * 1_000), "Ja", v.category());
  }

  /** One in twenty masses written as the bulk download does, with a thousands separator. */
  private static String mass(int kg, SplittableRandom random) {
    return random.nextDouble() < 0.05 ? thousands(kg) : String.valueOf(kg);
  }

  private static String thousands(int value) {
    return value < 1_000 ? String.valueOf(value)
        : (value / 1_000) + "," + String.valueOf(1_000 + value % 1_000).substring(1);
  }

  private static String yyyymmdd(LocalDate date) {
    return String.valueOf(date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth());
  }

  private static void printFuels(CSVPrinter csv, SyntheticVehicle v, SplittableRandom random) throws IOException {
    int sequence = 1;
    for (SyntheticVehicle.Fuel fuel : v.fuels()) {
      boolean electric = fuel.description().equals("Elektriciteit") || fuel.description().equals("Waterstof");
      csv.printRecord(v.plate(), sequence++, fuel.description(),
          electric ? "" : (5 + random.nextInt(6)) + "." + random.nextInt(10),
          electric ? "0" : String.valueOf(150 + random.nextInt(150)), fuel.emissionCode(), fuel.exhaustLevel(),
          60 + random.nextInt(300));
    }
  }

  private static void printBody(CSVPrinter csv, SyntheticVehicle v) throws IOException {
    csv.printRecord(v.plate(), 1, v.bodyType(), bodyDescription(v.bodyType()),
        v.bodyCode() == null ? "" : v.bodyCode(), v.remarkCode() == null ? "" : v.remarkCode());
  }

  private static String bodyDescription(String type) {
    return switch (type) {
      case "BB" -> "Bestelwagen";
      case "BA" -> "Vrachtwagen";
      case "BC" -> "Trekker voor oplegger";
      case "SH" -> "Rolstoeltoegankelijk voertuig";
      case "SB" -> "Gepantserd voertuig";
      case "SF" -> "Mobiele kraan";
      default -> "Gesloten wagen";
    };
  }
}
