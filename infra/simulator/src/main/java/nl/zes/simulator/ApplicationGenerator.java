package nl.zes.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Centraal Loket's history since it opened on 2024-07-01, as API request bodies: long-term exemption
 * applications with the letter's Table 1 type mix (exact at scale 1.0: 6,035 applications, 969 of them
 * local), spread over the months like its Figure 1, decided 88% granted, 8% set aside, 2% rejected and 2%
 * still pending; and day exemptions per month like its Figure 2, growing after the fines started on
 * 2025-07-01. Plates come from the generated register, mostly vehicles the rules refuse.
 */
public final class ApplicationGenerator {

  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  /** The letter's Table 1. */
  public static final Map<String, Integer> TABLE_1 = tableOne();
  private static final Set<String> LOCAL_TYPES = Set.of("BUSINESS_ECONOMIC", "HARDSHIP");
  public static final YearMonth OPENED = YearMonth.of(2024, 7);
  public static final YearMonth LAST_MONTH = YearMonth.of(2025, 12);

  /** Applications per month, July 2024 … December 2025, relative (the shape of Figure 1) [assumed]. */
  private static final int[] APPLICATION_MONTH_WEIGHTS = {2, 2, 3, 4, 6, 9, 10, 7, 6, 5, 5, 6, 8, 6, 5, 5, 5, 6};
  /** Day exemptions per month at scale 1.0, January … December 2025 (the shape of Figure 2) [assumed]. */
  private static final int[] DAY_EXEMPTIONS_PER_MONTH = {
      600, 700, 800, 850, 900, 950, 1_600, 1_700, 1_900, 2_000, 2_100, 2_300};
  private static final YearMonth FIRST_DAY_EXEMPTION_MONTH = YearMonth.of(2025, 1);
  private static final int DAY_EXEMPTIONS_PER_YEAR = 12;
  private static final String[] COMPANIES = {
      "Transportbedrijf", "Bouwbedrijf", "Installatiebedrijf", "Schildersbedrijf", "Bloemenhandel", "Bakkerij",
      "Loodgietersbedrijf", "Verhuisbedrijf", "Cateringbedrijf", "Groothandel"};
  private static final String[] NAMES = {
      "De Vries", "Jansen", "Van Dijk", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot",
      "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker"};

  private final long seed;
  private final Fleet fleet;
  private final List<Municipality> municipalities;

  public ApplicationGenerator(long seed, Fleet fleet, List<Municipality> municipalities) {
    this.seed = seed;
    this.fleet = fleet;
    this.municipalities = List.copyOf(municipalities);
  }

  /** An application and, unless it is still pending, its decision. */
  public record Application(JsonObject request, JsonObject decision) {

    public boolean pending() {
      return decision == null;
    }
  }

  /** Applications in order of submission; {@code scale} 1.0 gives the letter's 6,035. */
  public List<Application> applications(double scale) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_0001L);
    List<YearMonth> months = months();
    List<Draft> drafts = new ArrayList<>();
    for (Map.Entry<String, Integer> type : TABLE_1.entrySet()) {
      int count = (int) Math.round(type.getValue() * scale);
      int[] perMonth = apportion(count, APPLICATION_MONTH_WEIGHTS);
      for (int m = 0; m < months.size(); m++) {
        for (int i = 0; i < perMonth[m]; i++) {
          drafts.add(new Draft(type.getKey(), submittedAt(random, months.get(m))));
        }
      }
    }
    drafts.sort(Comparator.comparing(Draft::submittedAt).thenComparing(Draft::type));
    String[] outcomes = outcomes(drafts.size(), random);
    Set<String> usedPlates = new HashSet<>();
    List<Application> applications = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      Draft draft = drafts.get(i);
      applications.add(new Application(request(draft, random, usedPlates),
          outcomes[i] == null ? null : decision(draft, outcomes[i], random)));
    }
    return applications;
  }

  /** Day exemption requests ({@code POST /day-exemptions} bodies) in order of their date. */
  public List<JsonObject> dayExemptions(double scale) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_0002L);
    Map<String, Integer> usedPerYear = new HashMap<>();
    Set<String> taken = new HashSet<>();
    List<JsonObject> requests = new ArrayList<>();
    for (int m = 0; m < DAY_EXEMPTIONS_PER_MONTH.length; m++) {
      YearMonth month = FIRST_DAY_EXEMPTION_MONTH.plusMonths(m);
      int count = (int) Math.round(DAY_EXEMPTIONS_PER_MONTH[m] * scale);
      List<JsonObject> ofMonth = new ArrayList<>(count);
      for (int made = 0, attempts = 0; made < count && attempts < count * 20; attempts++) {
        LocalDate date = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
        Municipality municipality = weightedActive(random, date);
        String plate = random.nextDouble() < 0.75 ? draw(random, Fleet.Pool.VAN_REFUSED, Fleet.Pool.TRUCK_REFUSED)
            : draw(random, Fleet.Pool.TRUCK_REFUSED, Fleet.Pool.VAN_REFUSED);
        if (municipality == null || plate == null) {
          continue;
        }
        String perYear = plate + '|' + municipality.code() + '|' + date.getYear();
        if (usedPerYear.getOrDefault(perYear, 0) >= DAY_EXEMPTIONS_PER_YEAR
            || !taken.add(plate + '|' + municipality.code() + '|' + date)) {
          continue;
        }
        usedPerYear.merge(perYear, 1, Integer::sum);
        // Mostly asked for on the day itself (allowed until the day ends), sometimes days ahead.
        LocalDateTime requested = random.nextDouble() < 0.75
            ? date.atTime(6 + random.nextInt(12), random.nextInt(60))
            : date.minusDays(1 + random.nextInt(7)).atTime(8 + random.nextInt(12), random.nextInt(60));
        ofMonth.add(new JsonObject().put("plate", plate).put("municipality", municipality.code())
            .put("date", date.toString()).put("requestedAt", timestamp(requested)));
        made++;
      }
      ofMonth.sort(Comparator.comparing(j -> j.getString("date")));
      requests.addAll(ofMonth);
    }
    return requests;
  }

  private record Draft(String type, LocalDateTime submittedAt) {
  }

  private JsonObject request(Draft draft, SplittableRandom random, Set<String> usedPlates) {
    LocalDate submitted = draft.submittedAt().toLocalDate();
    LocalDate from = submitted.plusDays(random.nextInt(21));
    JsonObject request = new JsonObject()
        .put("plate", distinctPlate(draft.type(), random, usedPlates))
        .put("type", draft.type())
        .put("applicant", new JsonObject()
            .put("name", COMPANIES[random.nextInt(COMPANIES.length)] + " " + NAMES[random.nextInt(NAMES.length)]
                + " B.V.")
            .put("kvk", String.valueOf(10_000_000 + random.nextInt(89_999_999))))
        .put("requestedFrom", from.toString())
        .put("submittedAt", timestamp(draft.submittedAt()));
    switch (draft.type()) {
      case "DELIVERY_TIME" -> request.put("requestedUntil", from.plusMonths(2 + random.nextInt(8)).toString());
      case "BUSINESS_ECONOMIC", "HARDSHIP" -> request.put("requestedUntil",
          from.plusMonths(6 + random.nextInt(19)).toString());
      default -> {
      }
    }
    if (LOCAL_TYPES.contains(draft.type())) {
      JsonArray codes = new JsonArray();
      int wanted = random.nextDouble() < 0.85 ? 1 : 2;
      for (int attempt = 0; codes.size() < wanted && attempt < 10; attempt++) {
        Municipality m = weighted(random, municipalities.stream().filter(x -> !x.zones().isEmpty()).toList());
        if (m != null && !codes.contains(m.code())) {
          codes.add(m.code());
        }
      }
      request.put("municipalities", codes);
    }
    return request;
  }

  private JsonObject decision(Draft draft, String outcome, SplittableRandom random) {
    LocalDateTime decided = draft.submittedAt().plusDays(2 + random.nextInt(40)).withHour(9 + random.nextInt(8));
    JsonObject decision = new JsonObject().put("outcome", outcome).put("decidedAt", timestamp(decided));
    switch (outcome) {
      case "REJECTED" -> decision.put("reason", draft.type().equals("PRIVATE_USE")
          ? "Het voertuig wordt niet uitsluitend particulier gebruikt."
          : "Een emissieloos alternatief is verkrijgbaar.");
      case "SET_ASIDE" -> decision.put("reason", random.nextBoolean() ? "Aanvraag ingetrokken."
          : "Aanvullende informatie niet aangeleverd.");
      default -> {
      }
    }
    return decision;
  }

  /**
   * The outcome of each application by submission order: the latest 2% still pending (null), the others
   * 8% set aside, 2% rejected and the rest granted, in exact numbers, shuffled.
   */
  private static String[] outcomes(int total, SplittableRandom random) {
    int pending = (int) Math.round(total * 0.02);
    int rejected = (int) Math.round(total * 0.02);
    int setAside = (int) Math.round(total * 0.08);
    int decided = total - pending;
    String[] outcomes = new String[total];
    for (int i = 0; i < decided; i++) {
      outcomes[i] = i < rejected ? "REJECTED" : i < rejected + setAside ? "SET_ASIDE" : "GRANTED";
    }
    for (int i = decided - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String swap = outcomes[i];
      outcomes[i] = outcomes[j];
      outcomes[j] = swap;
    }
    return outcomes;
  }

  private String distinctPlate(String type, SplittableRandom random, Set<String> used) {
    // A special vehicle is under 13 years, a vehicle not available zero-emission is new: an older one would
    // get a validity that has already ended.
    if (type.equals("SPECIAL_VEHICLE") || type.equals("NOT_AVAILABLE_ZERO_EMISSION")) {
      for (int attempt = 0; attempt < 20; attempt++) {
        String plate = type.equals("SPECIAL_VEHICLE") ? fleet.randomYoungRefusedTruck(random)
            : fleet.randomNewRefused(random);
        if (plate != null && (used.add(plate) || attempt == 19)) {
          return plate;
        }
      }
    }
    Fleet.Pool first = switch (type) {
      case "SPECIAL_VEHICLE" -> Fleet.Pool.TRUCK_REFUSED;
      case "NOT_AVAILABLE_ZERO_EMISSION" -> random.nextDouble() < 0.6 ? Fleet.Pool.TRUCK_REFUSED : Fleet.Pool.VAN_REFUSED;
      case "DISABILITY_ADAPTED" -> Fleet.Pool.VAN_REFUSED;
      default -> random.nextDouble() < 0.75 ? Fleet.Pool.VAN_REFUSED : Fleet.Pool.TRUCK_REFUSED;
    };
    Fleet.Pool second = first == Fleet.Pool.VAN_REFUSED ? Fleet.Pool.TRUCK_REFUSED : Fleet.Pool.VAN_REFUSED;
    String plate = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      plate = draw(random, first, second);
      if (plate == null || used.add(plate)) {
        break;
      }
    }
    if (plate == null) {
      throw new IllegalStateException("the register has no vans or trucks to apply for");
    }
    return plate;
  }

  private String draw(SplittableRandom random, Fleet.Pool first, Fleet.Pool second) {
    for (Fleet.Pool pool : new Fleet.Pool[] {first, second, Fleet.Pool.VAN_ALLOWED, Fleet.Pool.TRUCK_ALLOWED}) {
      String plate = fleet.randomPlate(pool, random);
      if (plate != null) {
        return plate;
      }
    }
    return null;
  }

  private Municipality weightedActive(SplittableRandom random, LocalDate date) {
    return weighted(random, municipalities.stream().filter(m -> !m.activeZones(date).isEmpty()).toList());
  }

  private static Municipality weighted(SplittableRandom random, List<Municipality> candidates) {
    double total = candidates.stream().mapToDouble(m -> TrafficShape.weight(m.code())).sum();
    double pick = random.nextDouble() * total;
    for (Municipality m : candidates) {
      pick -= TrafficShape.weight(m.code());
      if (pick < 0) {
        return m;
      }
    }
    return candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
  }

  /** A working-day moment in the month, office hours. */
  private static LocalDateTime submittedAt(SplittableRandom random, YearMonth month) {
    LocalDate day = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
    if ((day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY)
        && random.nextDouble() < 0.8) {
      day = day.getDayOfWeek() == DayOfWeek.SATURDAY ? day.minusDays(1) : day.minusDays(2);
      if (day.isBefore(month.atDay(1))) {
        day = day.plusDays(3);
      }
    }
    return day.atTime(8 + random.nextInt(10), random.nextInt(60), random.nextInt(60));
  }

  private static String timestamp(LocalDateTime local) {
    return ZonedDateTime.of(local, AMSTERDAM).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = OPENED; !m.isAfter(LAST_MONTH); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** Splits {@code total} over the weights with the largest-remainder method: the parts add up exactly. */
  static int[] apportion(int total, int[] weights) {
    long sum = 0;
    for (int w : weights) {
      sum += w;
    }
    int[] parts = new int[weights.length];
    double[] remainders = new double[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * (double) weights[i] / sum;
      parts[i] = (int) Math.floor(exact);
      remainders[i] = exact - parts[i];
      given += parts[i];
    }
    while (given < total) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (remainders[i] > remainders[best]) {
          best = i;
        }
      }
      parts[best]++;
      remainders[best] = -1;
      given++;
    }
    return parts;
  }

  private static Map<String, Integer> tableOne() {
    Map<String, Integer> table = new LinkedHashMap<>();
    table.put("PRIVATE_USE", 2_937);
    table.put("DISABILITY_ADAPTED", 501);
    table.put("SPECIAL_VEHICLE", 358);
    table.put("NOT_AVAILABLE_ZERO_EMISSION", 930);
    table.put("DELIVERY_TIME", 340);
    table.put("BUSINESS_ECONOMIC", 516);
    table.put("HARDSHIP", 453);
    return java.util.Collections.unmodifiableMap(table);
  }
}
