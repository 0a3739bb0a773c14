package nl.zes.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zes.common.Plates;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegisterGeneratorTest {

  private static final RegisterSizes SAMPLE = RegisterSizes.ofTotal(20_000);
  private static String vehicles;
  private static String fuels;
  private static String bodies;
  private static Fleet fleet;

  @BeforeAll
  static void generate() throws IOException {
    StringWriter v = new StringWriter();
    StringWriter f = new StringWriter();
    StringWriter b = new StringWriter();
    fleet = new RegisterGenerator(42, SAMPLE).write(v, f, b);
    vehicles = v.toString();
    fuels = f.toString();
    bodies = b.toString();
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    RegisterSizes small = RegisterSizes.ofTotal(2_000);
    String[] first = write(7, small);
    String[] second = write(7, small);
    String[] other = write(8, small);
    assertThat(second).containsExactly(first);
    assertThat(other[0]).isNotEqualTo(first[0]);
  }

  @Test
  void exportsAreReadableByHeaderNameWithTheRdwColumns() throws IOException {
    List<CSVRecord> v = parse(vehicles);
    assertThat(v).hasSize(SAMPLE.total());
    assertThat(v.get(0).getParser().getHeaderNames()).contains("kenteken", "voertuigsoort", "merk",
        "handelsbenaming", "europese_voertuigcategorie", "inrichting", "datum_eerste_toelating",
        "datum_eerste_tenaamstelling_in_nederland", "toegestane_maximum_massa_voertuig", "massa_rijklaar",
        "eerste_kleur");
    assertThat(parse(fuels).get(0).getParser().getHeaderNames()).contains("kenteken", "brandstof_volgnummer",
        "brandstof_omschrijving", "emissiecode_omschrijving", "uitlaatemissieniveau");
    assertThat(parse(bodies).get(0).getParser().getHeaderNames()).contains("kenteken", "carrosserie_volgnummer",
        "carrosseriecode", "carrosserietype", "bijzonderheid_code");
    for (CSVRecord record : v) {
      assertThat(record.get("datum_eerste_toelating")).matches("\\d{8}");
      LocalDate admitted = LocalDate.parse(record.get("datum_eerste_toelating"),
          java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
      assertThat(admitted).isBefore(LocalDate.of(2026, 11, 1));
    }
    assertThat(v).anyMatch(r -> r.get("handelsbenaming").contains(","));
    assertThat(v).anyMatch(r -> r.get("toegestane_maximum_massa_voertuig").contains(","));
  }

  @Test
  void platesAreValidUniqueAndOfTheSidecodeOfTheirRegistrationYear() throws IOException {
    Set<String> plates = new HashSet<>();
    for (CSVRecord record : parse(vehicles)) {
      String plate = record.get("kenteken");
      assertThat(Plates.isValidDutch(plate)).as(plate).isTrue();
      assertThat(plates.add(plate)).as("unique").isTrue();
      LocalDate registered = LocalDate.parse(record.get("datum_eerste_tenaamstelling_in_nederland"),
          java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
      assertThat(Plates.sidecode(plate)).isEqualTo(PlateMint.sidecodeFor(registered));
      assertThat(fleet.contains(plate)).isTrue();
    }
    assertThat(fleet.size()).isEqualTo(plates.size());
    assertThat(PlateMint.sidecodeFor(LocalDate.of(1985, 6, 1))).isEqualTo(4);
    assertThat(PlateMint.sidecodeFor(LocalDate.of(2010, 6, 1))).isEqualTo(7);
  }

  @Test
  void fleetHasTheProportionsOfTheDutchFleet() throws IOException {
    Map<String, List<CSVRecord>> fuelsByPlate = new HashMap<>();
    for (CSVRecord fuel : parse(fuels)) {
      fuelsByPlate.computeIfAbsent(fuel.get("kenteken"), k -> new java.util.ArrayList<>()).add(fuel);
    }
    int vans = 0;
    int vanZero = 0;
    int vanSix = 0;
    int vanFiveOrLower = 0;
    int trucks = 0;
    int tractors = 0;
    int historic = 0;
    int hybrids = 0;
    for (CSVRecord v : parse(vehicles)) {
      List<CSVRecord> rows = fuelsByPlate.get(v.get("kenteken"));
      assertThat(rows).isNotEmpty();
      if (rows.size() == 2) {
        hybrids++;
        assertThat(rows).extracting(r -> r.get("brandstof_volgnummer")).containsExactly("1", "2");
      }
      if (v.get("datum_eerste_toelating").compareTo("19851231") <= 0) {
        historic++;
      }
      boolean zero = rows.stream().allMatch(r -> r.get("brandstof_omschrijving").equals("Elektriciteit")
          || r.get("brandstof_omschrijving").equals("Waterstof"));
      String code = rows.get(0).get("emissiecode_omschrijving").toUpperCase().replace("EURO", "").trim();
      if (v.get("europese_voertuigcategorie").equals("N1")
          || v.get("europese_voertuigcategorie").isEmpty() && mass(v) <= 3_500 && v.get("voertuigsoort").equals("Bedrijfsauto")) {
        vans++;
        if (zero) {
          vanZero++;
        } else if (code.equals("6") || code.equals("VI")) {
          vanSix++;
        } else {
          vanFiveOrLower++;
        }
      } else if (!v.get("europese_voertuigcategorie").equals("M1")) {
        trucks++;
        if (v.get("inrichting").equals("opleggertrekker")) {
          tractors++;
        }
      }
    }
    assertThat(vans).isEqualTo(SAMPLE.vans());
    assertThat(trucks).isEqualTo(SAMPLE.trucks());
    assertThat(vanFiveOrLower / (double) vans).isCloseTo(0.26, within(0.02));
    // class 6 as registered: one row in a hundred has no class, and counts with the lower ones above
    assertThat(vanSix / (double) vans).isCloseTo(0.52, within(0.02));
    assertThat(vanZero / (double) vans).isCloseTo(0.22, within(0.02));
    assertThat(tractors / (double) trucks).isCloseTo(FleetModel.TRACTOR_SHARE, within(0.03));
    assertThat(historic).isBetween(5, 200);
    assertThat(hybrids).isGreaterThan(50);
  }

  @Test
  void specialBodiesAndWheelchairVansAreThereInSmallNumbers() throws IOException {
    Map<String, Integer> codes = new HashMap<>();
    int wheelchair = 0;
    for (CSVRecord body : parse(bodies)) {
      assertThat(body.get("carrosserietype")).isNotEmpty();
      if (!body.get("carrosseriecode").isEmpty()) {
        codes.merge(body.get("carrosseriecode"), 1, Integer::sum);
      }
      if (body.get("carrosserietype").equals("SH") || !body.get("bijzonderheid_code").isEmpty()) {
        wheelchair++;
      }
    }
    assertThat(codes.keySet()).containsExactlyInAnyOrder("15", "16", "19", "23", "26", "27", "31");
    assertThat(codes.values().stream().mapToInt(Integer::intValue).sum()).isBetween(50, 250);
    assertThat(wheelchair).isBetween(10, 120);
  }

  @Test
  void emissionClassesComeInSeveralNotations() throws IOException {
    Set<String> notations = new HashSet<>();
    for (CSVRecord fuel : parse(fuels)) {
      notations.add(fuel.get("emissiecode_omschrijving"));
    }
    assertThat(notations).contains("6", "VI", "EURO 6", "Euro VI", "Z", "");
  }

  @Test
  void poolsSeparateWhatTheRulesRefuse() {
    int refused = fleet.size(Fleet.Pool.VAN_REFUSED) + fleet.size(Fleet.Pool.TRUCK_REFUSED);
    assertThat(refused / (double) fleet.size()).isBetween(0.05, 0.20);
    assertThat(fleet.size(Fleet.Pool.CAR)).isEqualTo(SAMPLE.cars());
    assertThat(Fleet.decode(Fleet.encode("VX123B"))).isEqualTo("VX123B");
  }

  private static int mass(CSVRecord v) {
    return Integer.parseInt(v.get("toegestane_maximum_massa_voertuig").replace(",", ""));
  }

  private static String[] write(long seed, RegisterSizes sizes) throws IOException {
    StringWriter v = new StringWriter();
    StringWriter f = new StringWriter();
    StringWriter b = new StringWriter();
    new RegisterGenerator(seed, sizes).write(v, f, b);
    return new String[] {v.toString(), f.toString(), b.toString()};
  }

  static List<CSVRecord> parse(String csv) throws IOException {
    return CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())
        .getRecords();
  }
}
