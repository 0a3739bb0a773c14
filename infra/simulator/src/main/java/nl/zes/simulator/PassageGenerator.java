package nl.zes.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import nl.zes.common.Plates;

/**
 * Camera passages of a municipality's zones, as the API's batch bodies {@code {"passages":[…]}} of at most
 * {@link #MAX_BATCH} items: volumes in proportion to the municipality (Utrecht about 140,000 a month at scale
 * 1.0), a daily and weekly profile, vehicles that come back the same day (repeats), about 3% foreign plates,
 * misreads (plates not in the register), passenger cars, and now and then a batch item sent again (a
 * duplicate of an earlier id). Dutch plates are drawn from the generated register; a small, per-municipality
 * share of visits is by vehicles the rules refuse, so that compliance lands where the letter reports it.
 *
 * <p>Each municipality's stream depends only on the seed and the municipality, so streams may be consumed
 * in any order or concurrently. Generated a day at a time: memory does not grow with the period.
 */
public final class PassageGenerator {

  public static final int MAX_BATCH = 1_000;
  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final double AVERAGE_DAY_WEIGHT = (5 + 0.55 + 0.25) / 7.0;
  private static final String MINT_LETTERS = "BDFGHJKLNPRSTVXZ";
  /** 1 × 0.75 + 2 × 0.18 + 3 × 0.07: a vehicle's passages per visit. */
  private static final double PASSAGES_PER_VISIT = 1.32;

  private final long seed;
  private final Fleet fleet;
  private final double scale;
  private final int batchSize;

  /**
   * @param scale     1.0 for real volumes (Utrecht about 140,000 a month), 0.05 for a twentieth
   * @param batchSize items per batch, at most {@link #MAX_BATCH}
   */
  public PassageGenerator(long seed, Fleet fleet, double scale, int batchSize) {
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new IllegalArgumentException("batch size must be 1.." + MAX_BATCH);
    }
    this.seed = seed;
    this.fleet = fleet;
    this.scale = scale;
    this.batchSize = batchSize;
  }

  /** About how many passages {@link #stream} gives for a municipality over a period (duplicates excluded). */
  public long expected(Municipality municipality, LocalDate from, LocalDate to) {
    double total = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      if (!municipality.activeZones(day).isEmpty()) {
        total += perDay(municipality, day);
      }
    }
    return Math.round(total);
  }

  /** The municipality's batches for the days {@code from} to {@code to}, both inclusive. */
  public PassageStream stream(Municipality municipality, LocalDate from, LocalDate to) {
    return new PassageStream(municipality, from, to);
  }

  private double perDay(Municipality municipality, LocalDate day) {
    double perMonth = TrafficShape.UTRECHT_PASSAGES_PER_MONTH * TrafficShape.weight(municipality.code()) * scale;
    return perMonth * 12 / 365.0 * TrafficShape.dayWeight(day.getDayOfWeek()) / AVERAGE_DAY_WEIGHT;
  }

  /**
   * What a stream produced so far: batch items (duplicates included), and passages that were duplicates,
   * foreign, misread or passenger cars; and visits by vehicles the rules refuse.
   */
  public record Stats(long items, long duplicates, long foreign, long misreads, long cars, long refusedVisits) {
  }

  /** The batches of one municipality, made a day at a time. */
  public final class PassageStream implements Iterator<JsonObject> {

    private final Municipality municipality;
    private final LocalDate to;
    private final SplittableRandom random;
    private final ArrayDeque<JsonObject> pending = new ArrayDeque<>();
    private final int cameras;
    private LocalDate day;
    private double owed;
    private long items;
    private long duplicates;
    private long foreign;
    private long misreads;
    private long cars;
    private long refusedVisits;

    private PassageStream(Municipality municipality, LocalDate from, LocalDate to) {
      this.municipality = municipality;
      this.to = to;
      this.day = from;
      this.random = new SplittableRandom(seed ^ (municipality.code().hashCode() * 0x9E3779B97F4A7C15L));
      this.cameras = 4 + (int) Math.round(TrafficShape.weight(municipality.code()) * 8);
    }

    public Municipality municipality() {
      return municipality;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && !day.isAfter(to)) {
        generateDay(day);
        day = day.plusDays(1);
      }
      return !pending.isEmpty();
    }

    @Override
    public JsonObject next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      JsonArray batch = new JsonArray();
      while (batch.size() < batchSize && hasNext()) {
        batch.add(pending.poll());
      }
      items += batch.size();
      return new JsonObject().put("passages", batch);
    }

    public Stats stats() {
      return new Stats(items, duplicates, foreign, misreads, cars, refusedVisits);
    }

    private void generateDay(LocalDate date) {
      List<Municipality.Zone> zones = municipality.activeZones(date);
      if (zones.isEmpty()) {
        return;
      }
      // Fractions carry over to the next day, so small scales still give traffic.
      owed += perDay(municipality, date);
      int count = (int) owed;
      owed -= count;
      List<Sighting> sightings = new ArrayList<>(count + 4);
      while (sightings.size() < count) {
        visit(sightings);
      }
      sightings.sort(Comparator.comparingInt(Sighting::secondOfDay));
      String prefix = "-" + date.format(DAY) + "-";
      List<JsonObject> resent = new ArrayList<>();
      for (int i = 0; i < sightings.size(); i++) {
        Sighting s = sightings.get(i);
        Municipality.Zone zone = zones.get(random.nextInt(zones.size()));
        LocalDateTime local = date.atStartOfDay().plusSeconds(s.secondOfDay());
        JsonObject passage = new JsonObject()
            .put("id", zone.id() + prefix + (i + 1))
            .put("zone", zone.id())
            .put("camera", zone.id() + "-cam-" + (1 + random.nextInt(cameras)))
            .put("timestamp", ZonedDateTime.of(local, AMSTERDAM).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
            .put("plate", s.plate())
            .put("country", s.country());
        pending.add(passage);
        if (random.nextDouble() < TrafficShape.DUPLICATE_SHARE) {
          resent.add(passage.copy());
        }
      }
      // The camera system resends some items later, in another batch: the same id, a duplicate.
      pending.addAll(resent);
      duplicates += resent.size();
    }

    /** One vehicle's visit: usually one passage, sometimes two or three the same day. */
    private void visit(List<Sighting> sightings) {
      double u = random.nextDouble();
      int first = TrafficShape.hour(random.nextDouble()) * 3600 + random.nextInt(3600);
      // A misread is one bad reading, not a visit: its share of visits is scaled up to a share of passages.
      if (u < TrafficShape.MISREAD_SHARE * PASSAGES_PER_VISIT) {
        misreads++;
        sightings.add(new Sighting(first, misread(), "NL"));
        return;
      }
      String plate;
      String country = "NL";
      u = random.nextDouble();
      if (u < TrafficShape.FOREIGN_SHARE) {
        String[] foreignPlate = ForeignPlates.draw(random);
        country = foreignPlate[0];
        plate = foreignPlate[1];
      } else if (u < TrafficShape.FOREIGN_SHARE + TrafficShape.CAR_SHARE) {
        plate = draw(Fleet.Pool.CAR, Fleet.Pool.VAN_ALLOWED);
      } else {
        boolean truck = random.nextDouble() < TrafficShape.TRUCK_SHARE;
        if (random.nextDouble() < TrafficShape.refusedVisits(municipality.code())) {
          refusedVisits++;
          plate = truck ? draw(Fleet.Pool.TRUCK_REFUSED, Fleet.Pool.VAN_REFUSED)
              : draw(Fleet.Pool.VAN_REFUSED, Fleet.Pool.TRUCK_REFUSED);
        } else {
          plate = truck ? draw(Fleet.Pool.TRUCK_ALLOWED, Fleet.Pool.VAN_ALLOWED)
              : draw(Fleet.Pool.VAN_ALLOWED, Fleet.Pool.TRUCK_ALLOWED);
        }
      }
      double again = random.nextDouble();
      int passages = again < 0.75 ? 1 : again < 0.93 ? 2 : 3;
      int at = first;
      for (int p = 0; p < passages && at < 86_400; p++) {
        sightings.add(new Sighting(at, plate, country));
        if (!country.equals("NL")) {
          foreign++;
        } else if (u < TrafficShape.FOREIGN_SHARE + TrafficShape.CAR_SHARE) {
          cars++;
        }
        at += 3_600 + random.nextInt(3 * 3_600);
      }
    }

    private String draw(Fleet.Pool pool, Fleet.Pool fallback) {
      String plate = fleet.randomPlate(pool, random);
      if (plate == null) {
        plate = fleet.randomPlate(fallback, random);
      }
      if (plate == null) {
        throw new IllegalStateException("the register has no vans or trucks to draw passages from");
      }
      return plate;
    }

    /** A registered plate with one character misread, so that it is well-formed but not in the register. */
    private String misread() {
      for (int attempt = 0; attempt < 20; attempt++) {
        char[] plate = draw(Fleet.Pool.VAN_ALLOWED, Fleet.Pool.TRUCK_ALLOWED).toCharArray();
        int at = random.nextInt(plate.length);
        plate[at] = Character.isDigit(plate[at]) ? (char) ('0' + random.nextInt(10))
            : MINT_LETTERS.charAt(random.nextInt(MINT_LETTERS.length()));
        String candidate = new String(plate);
        if (Plates.isValidDutch(candidate) && !fleet.contains(candidate)) {
          return candidate;
        }
      }
      return "ZZ999Z";
    }
  }

  private record Sighting(int secondOfDay, String plate, String country) {
  }
}
