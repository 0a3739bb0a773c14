package nl.zes.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import nl.zes.simulator.SyntheticVehicle.Fuel;

/**
 * The shape of the Dutch goods fleet, as DOMAIN.md and the letter describe it (shares marked assumed are ours):
 * vans about 26% emission class 5 or lower, 52% class 6 and 22% zero-emission, the electric share growing with
 * each year of first admission; trucks mostly class VI, tractor units younger than rigid trucks; small numbers
 * of special trucks, wheelchair vans, vehicles of 40 years and more, imports and hybrids.
 */
final class FleetModel {

  /** The moment the simulated register is exported; nothing is admitted after it. */
  static final LocalDate EXPORT_DATE = LocalDate.of(2026, 10, 31);
  /** The simulator's own reading of the rules, for late 2025: who the zones refuse without an exemption. */
  private static final LocalDate REFERENCE = LocalDate.of(2025, 12, 1);
  private static final LocalDate HISTORIC_BY = REFERENCE.minusYears(40);
  static final LocalDate SPECIAL_AFTER = REFERENCE.minusYears(13);
  static final LocalDate NEW_FROM = LocalDate.of(2025, 1, 1);
  private static final LocalDate EK6_TRUCK_FROM = LocalDate.of(2017, 1, 1);

  static final double VAN_ZERO_EMISSION = 0.22;
  static final double VAN_CLASS_6 = 0.52;
  static final double TRACTOR_SHARE = 0.42;

  private static final String[][] VAN_MODELS = {
      {"VOLKSWAGEN", "TRANSPORTER"}, {"VOLKSWAGEN", "CRAFTER"}, {"VOLKSWAGEN", "CADDY"},
      {"FORD", "TRANSIT"}, {"FORD", "TRANSIT CUSTOM"}, {"FORD", "TRANSIT CONNECT"},
      {"MERCEDES-BENZ", "SPRINTER"}, {"MERCEDES-BENZ", "VITO"}, {"RENAULT", "MASTER"}, {"RENAULT", "TRAFIC"},
      {"PEUGEOT", "PARTNER"}, {"PEUGEOT", "EXPERT"}, {"CITROEN", "BERLINGO"}, {"FIAT", "DUCATO"},
      {"TOYOTA", "PROACE"}, {"OPEL", "VIVARO"}};
  private static final String[][] ELECTRIC_VAN_MODELS = {
      {"VOLKSWAGEN", "ID. BUZZ CARGO"}, {"FORD", "E-TRANSIT"}, {"MERCEDES-BENZ", "ESPRINTER"},
      {"MERCEDES-BENZ", "EVITO"}, {"RENAULT", "KANGOO E-TECH"}, {"PEUGEOT", "E-EXPERT"}, {"MAXUS", "EDELIVER 3"}};
  private static final String[][] TRUCK_MODELS = {
      {"DAF", "XF"}, {"DAF", "CF"}, {"DAF", "LF"}, {"SCANIA", "R 450"}, {"SCANIA", "P 280"}, {"VOLVO", "FH"},
      {"VOLVO", "FM"}, {"VOLVO", "FL"}, {"MERCEDES-BENZ", "ACTROS"}, {"MERCEDES-BENZ", "ATEGO"}, {"MAN", "TGX"},
      {"MAN", "TGL"}, {"IVECO", "S-WAY"}, {"IVECO", "EUROCARGO"}, {"RENAULT", "T"}};
  private static final String[][] ELECTRIC_TRUCK_MODELS = {
      {"DAF", "XF ELECTRIC"}, {"VOLVO", "FH ELECTRIC"}, {"MERCEDES-BENZ", "EACTROS"}, {"SCANIA", "25 P BEV"},
      {"RENAULT", "E-TECH D"}};
  private static final String[][] CAR_MODELS = {
      {"VOLKSWAGEN", "GOLF"}, {"TOYOTA", "YARIS"}, {"KIA", "NIRO"}, {"TESLA", "MODEL 3"}, {"OPEL", "CORSA"},
      {"RENAULT", "CLIO"}};
  private static final String[] VAN_BODY_STYLES = {
      "gesloten opbouw", "gesloten opbouw", "gesloten opbouw", "gesloten opbouw", "gesloten opbouw",
      "gesloten opbouw", "open laadvloer", "kipper", "dubbele cabine", "Niet nader aangeduid"};
  private static final String[] RIGID_BODY_STYLES = {
      "gesloten opbouw", "gesloten opbouw", "bakwagen", "huifopbouw", "kipper", "open laadvloer", "koelwagen"};
  /** The special truck bodies of DOMAIN.md §4 with the inrichting that goes with each. */
  private static final String[][] SPECIAL_BODIES = {
      {"15", "betonmixer"}, {"16", "betonpomp"}, {"19", "veegwagen"}, {"23", "winkelwagen"},
      {"26", "kraanwagen"}, {"27", "hoogwerker"}, {"31", "brandweerwagen"}};
  private static final String[] WHEELCHAIR_REMARKS = {"145", "146", "147", "149"};

  private final PlateMint mint;

  FleetModel(PlateMint mint) {
    this.mint = mint;
  }

  SyntheticVehicle next(VehicleKind kind, SplittableRandom random) {
    return switch (kind) {
      case VAN -> van(random);
      case TRUCK -> truck(random);
      case CAR -> car(random);
    };
  }

  private SyntheticVehicle van(SplittableRandom random) {
    double u = random.nextDouble();
    LocalDate admitted;
    List<Fuel> fuels;
    int level;
    String[] model;
    if (u < VAN_ZERO_EMISSION) {
      admitted = electricAdmission(random, 2014);
      fuels = List.of(zeroEmissionFuel(random, 0.02));
      level = 7;
      model = pick(random, ELECTRIC_VAN_MODELS);
    } else {
      model = pick(random, VAN_MODELS);
      if (u < VAN_ZERO_EMISSION + VAN_CLASS_6) {
        level = 6;
        admitted = random.nextDouble() < 0.01 ? between(random, NEW_FROM, EXPORT_DATE)
            : between(random, LocalDate.of(2016, 1, 1), LocalDate.of(2024, 12, 31));
      } else {
        double older = (u - VAN_ZERO_EMISSION - VAN_CLASS_6) / (1 - VAN_ZERO_EMISSION - VAN_CLASS_6);
        if (older < 0.62) {
          level = 5;
          admitted = between(random, LocalDate.of(2010, 6, 1), LocalDate.of(2016, 8, 31));
        } else if (older < 0.85) {
          level = 4;
          admitted = between(random, LocalDate.of(2006, 1, 1), LocalDate.of(2010, 12, 31));
        } else if (older < 0.99) {
          admitted = between(random, LocalDate.of(1986, 1, 1), LocalDate.of(2006, 6, 30));
          level = oldEuroLevel(admitted);
        } else {
          admitted = between(random, LocalDate.of(1962, 1, 1), LocalDate.of(1985, 12, 31));
          level = -1;
        }
      }
      fuels = combustionFuels(random, level, false, 0.03);
    }
    boolean wheelchair = level < 7 && random.nextDouble() < 0.003;
    boolean historic = !admitted.isAfter(HISTORIC_BY);
    boolean refused = level < 7 && !historic && !wheelchair && (!admitted.isBefore(NEW_FROM) || levelOf(fuels) < 5);
    LocalDate registered = registeredInNl(random, admitted);
    return new SyntheticVehicle(mint.issue(VehicleKind.VAN, registered), VehicleKind.VAN, "Bedrijfsauto",
        historic && random.nextBoolean() ? "" : "N1", pick(random, VAN_BODY_STYLES), model[0], modelName(random, model),
        admitted, registered, 1_800 + random.nextInt(17) * 100, 1_200 + random.nextInt(11) * 100, fuels,
        wheelchair && random.nextBoolean() ? "SH" : "BB", null,
        wheelchair ? WHEELCHAIR_REMARKS[random.nextInt(WHEELCHAIR_REMARKS.length)] : null, refused);
  }

  private SyntheticVehicle truck(SplittableRandom random) {
    boolean tractor = random.nextDouble() < TRACTOR_SHARE;
    boolean zeroEmission = random.nextDouble() < 0.03;
    LocalDate admitted;
    int level;
    String[] model;
    List<Fuel> fuels;
    if (zeroEmission) {
      admitted = electricAdmission(random, 2019);
      level = 7;
      model = pick(random, ELECTRIC_TRUCK_MODELS);
      fuels = List.of(zeroEmissionFuel(random, 0.1));
    } else {
      model = pick(random, TRUCK_MODELS);
      double u = random.nextDouble();
      // Tractor units are replaced sooner than rigid trucks: fewer of them are old.
      double[] bounds = tractor ? new double[] {0.80, 0.92, 0.97, 0.98} : new double[] {0.62, 0.82, 0.91, 0.975};
      if (u < bounds[0]) {
        level = 6;
        admitted = between(random, LocalDate.of(2014, 1, 1), LocalDate.of(2024, 12, 31));
      } else if (u < bounds[1]) {
        level = 5;
        admitted = between(random, LocalDate.of(2009, 10, 1), LocalDate.of(2013, 12, 31));
      } else if (u < bounds[2]) {
        level = 4;
        admitted = between(random, LocalDate.of(2005, 10, 1), LocalDate.of(2009, 9, 30));
      } else if (u < bounds[3]) {
        level = 6;
        admitted = between(random, NEW_FROM, EXPORT_DATE);
      } else if (u < 0.995 || tractor) {
        admitted = between(random, LocalDate.of(1990, 1, 1), LocalDate.of(2005, 9, 30));
        level = oldEuroLevel(admitted);
      } else {
        admitted = between(random, LocalDate.of(1965, 1, 1), LocalDate.of(1985, 12, 31));
        level = -1;
      }
      fuels = combustionFuels(random, level, true, 0.0);
    }
    String bodyStyle = tractor ? "opleggertrekker" : pick(random, RIGID_BODY_STYLES);
    String bodyType = tractor ? "BC" : "BA";
    String bodyCode = null;
    double special = random.nextDouble();
    if (!tractor && special < 0.04) {
      String[] body = SPECIAL_BODIES[random.nextInt(SPECIAL_BODIES.length)];
      bodyCode = body[0];
      bodyStyle = body[1];
    } else if (!tractor && special < 0.045) {
      bodyType = random.nextBoolean() ? "SB" : "SF";
      bodyStyle = bodyType.equals("SB") ? "geldtransportwagen" : "mobiele kraan";
    }
    boolean historic = !admitted.isAfter(HISTORIC_BY);
    boolean specialYoung = (bodyCode != null || bodyType.startsWith("S")) && admitted.isAfter(SPECIAL_AFTER);
    boolean transition = levelOf(fuels) == 6 && !admitted.isBefore(EK6_TRUCK_FROM) && admitted.isBefore(NEW_FROM);
    boolean refused = level < 7 && !historic && !specialYoung && !transition;
    boolean heavy = tractor || random.nextDouble() < 0.6;
    int maximumMass = heavy ? 12_500 + random.nextInt(32) * 1_000 : 3_600 + random.nextInt(85) * 100;
    LocalDate registered = registeredInNl(random, admitted);
    return new SyntheticVehicle(mint.issue(VehicleKind.TRUCK, registered), VehicleKind.TRUCK, "Bedrijfsauto",
        historic && random.nextBoolean() ? "" : heavy ? "N3" : "N2", bodyStyle, model[0], modelName(random, model),
        admitted, registered, maximumMass, Math.max(2_500, maximumMass / 3), fuels, bodyType, bodyCode, null, refused);
  }

  private SyntheticVehicle car(SplittableRandom random) {
    LocalDate admitted = between(random, LocalDate.of(2000, 1, 1), EXPORT_DATE);
    double u = random.nextDouble();
    List<Fuel> fuels = u < 0.25 ? List.of(zeroEmissionFuel(random, 0.0))
        : combustionFuels(random, admitted.getYear() >= 2016 ? 6 : 5, false, 0.07);
    LocalDate registered = registeredInNl(random, admitted);
    String[] model = pick(random, CAR_MODELS);
    return new SyntheticVehicle(mint.issue(VehicleKind.CAR, registered), VehicleKind.CAR, "Personenauto", "M1",
        random.nextBoolean() ? "hatchback" : "stationwagen", model[0], model[1], admitted, registered,
        1_500 + random.nextInt(10) * 100, 1_000 + random.nextInt(8) * 100, fuels, "AB", null, null, false);
  }

  /** Zero-emission first admissions: few before 2019, more each year. */
  private static LocalDate electricAdmission(SplittableRandom random, int fromYear) {
    int[] weights = {1, 1, 2, 2, 3, 4, 6, 8, 10, 13, 15, 18, 14};
    int first = 2014;
    int total = 0;
    for (int i = fromYear - first; i < weights.length; i++) {
      total += weights[i];
    }
    int pick = random.nextInt(total);
    int year = fromYear;
    for (int i = fromYear - first; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        year = first + i;
        break;
      }
    }
    LocalDate end = LocalDate.of(year, 12, 31);
    return between(random, LocalDate.of(year, 1, 1), end.isAfter(EXPORT_DATE) ? EXPORT_DATE : end);
  }

  private static int oldEuroLevel(LocalDate admitted) {
    int year = admitted.getYear();
    return year < 1993 ? 0 : year < 1997 ? 1 : year < 2001 ? 2 : 3;
  }

  private static Fuel zeroEmissionFuel(SplittableRandom random, double hydrogenShare) {
    String fuel = random.nextDouble() < hydrogenShare ? "Waterstof" : "Elektriciteit";
    return new Fuel(fuel, random.nextDouble() < 0.6 ? "Z" : "", "");
  }

  /**
   * One combustion fuel row (two for a plug-in hybrid: petrol and electricity). Level -1 is a vehicle registered
   * before emission classes; one row in a hundred has no class at all, as in the register.
   */
  private static List<Fuel> combustionFuels(SplittableRandom random, int level, boolean roman, double hybridShare) {
    boolean unknown = level < 0 || random.nextDouble() < 0.01;
    String code = unknown ? "" : notation(random, level, roman);
    String exhaust = unknown || random.nextDouble() < 0.6 ? "" : (roman ? "EURO " + ROMAN[level] + " E" : "EURO " + level + " W");
    if (level == 6 && random.nextDouble() < hybridShare) {
      return List.of(new Fuel("Benzine", code, exhaust), new Fuel("Elektriciteit", "", ""));
    }
    double u = random.nextDouble();
    String fuel = roman || u < 0.92 ? "Diesel" : u < 0.98 ? "Benzine" : "LPG";
    return List.of(new Fuel(fuel, code, exhaust));
  }

  private static final String[] ROMAN = {"0", "I", "II", "III", "IV", "V", "VI"};

  /** The emission class as the register writes it: 6, VI, EURO 6, Euro VI… */
  private static String notation(SplittableRandom random, int level, boolean roman) {
    int style = random.nextInt(roman ? 4 : 5);
    if (roman) {
      return switch (style) {
        case 0 -> ROMAN[level];
        case 1 -> "Euro " + ROMAN[level];
        case 2 -> "EURO " + ROMAN[level];
        default -> String.valueOf(level);
      };
    }
    return switch (style) {
      case 0, 1 -> String.valueOf(level);
      case 2 -> "EURO " + level;
      case 3 -> "Euro " + level;
      default -> ROMAN[level];
    };
  }

  /** The lowest class of the combustion fuels, -1 when unknown. */
  private static int levelOf(List<Fuel> fuels) {
    String code = fuels.get(0).emissionCode().toUpperCase().replace("EURO", "").trim();
    for (int level = ROMAN.length - 1; level >= 0; level--) {
      if (code.equals(ROMAN[level]) || code.equals(String.valueOf(level))) {
        return level;
      }
    }
    return -1;
  }

  /** Four in a hundred are imports, registered here one to eight years after their first admission. */
  private static LocalDate registeredInNl(SplittableRandom random, LocalDate admitted) {
    if (random.nextDouble() >= 0.04) {
      return admitted;
    }
    LocalDate imported = admitted.plusDays(365L + random.nextInt(7 * 365));
    return imported.isAfter(EXPORT_DATE) ? EXPORT_DATE : imported;
  }

  private static String modelName(SplittableRandom random, String[] model) {
    // Now and then a name with a comma, so that the CSV needs quoting.
    return random.nextDouble() < 0.02 ? model[1] + " 2.0 TDI, L2H1" : model[1];
  }

  static LocalDate between(SplittableRandom random, LocalDate from, LocalDate to) {
    return from.plusDays(random.nextLong(to.toEpochDay() - from.toEpochDay() + 1));
  }

  private static String[] pick(SplittableRandom random, String[][] options) {
    return options[random.nextInt(options.length)];
  }

  private static String pick(SplittableRandom random, String[] options) {
    return options[random.nextInt(options.length)];
  }
}
