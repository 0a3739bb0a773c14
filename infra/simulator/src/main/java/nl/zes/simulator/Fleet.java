package nl.zes.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The generated register as traffic needs it: the plates in pools (allowed or refused by the rules, per kind),
 * eight bytes a plate, so that a register of a million vehicles costs about ten megabytes, not its CSV.
 */
public final class Fleet {

  /** Which plates traffic draws from. */
  public enum Pool {
    VAN_ALLOWED, VAN_REFUSED, TRUCK_ALLOWED, TRUCK_REFUSED, CAR;

    static Pool of(SyntheticVehicle vehicle) {
      return switch (vehicle.kind()) {
        case VAN -> vehicle.refusedByRules() ? VAN_REFUSED : VAN_ALLOWED;
        case TRUCK -> vehicle.refusedByRules() ? TRUCK_REFUSED : TRUCK_ALLOWED;
        case CAR -> CAR;
      };
    }
  }

  private final long[][] pools;
  private final long[] sorted;
  private final long[] youngRefusedTrucks;
  private final long[] newRefused;

  private Fleet(long[][] pools, long[] youngRefusedTrucks, long[] newRefused) {
    this.pools = pools;
    this.youngRefusedTrucks = youngRefusedTrucks;
    this.newRefused = newRefused;
    long[] all = new long[Arrays.stream(pools).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (long[] pool : pools) {
      System.arraycopy(pool, 0, all, at, pool.length);
      at += pool.length;
    }
    Arrays.sort(all);
    this.sorted = all;
  }

  public int size(Pool pool) {
    return pools[pool.ordinal()].length;
  }

  public int size() {
    return sorted.length;
  }

  /** A plate from the pool, uniformly; null when the pool is empty. */
  public String randomPlate(Pool pool, SplittableRandom random) {
    long[] plates = pools[pool.ordinal()];
    return plates.length == 0 ? null : decode(plates[random.nextInt(plates.length)]);
  }

  /**
   * A refused truck first admitted less than 13 years before late 2025 — what a special-vehicle exemption
   * (DET under 13 years) is applied for; null when there is none.
   */
  public String randomYoungRefusedTruck(SplittableRandom random) {
    return youngRefusedTrucks.length == 0 ? null
        : decode(youngRefusedTrucks[random.nextInt(youngRefusedTrucks.length)]);
  }

  /**
   * A van or truck first admitted from 2025 that is not zero-emission — what an exemption for a vehicle not
   * available zero-emission is applied for; null when there is none.
   */
  public String randomNewRefused(SplittableRandom random) {
    return newRefused.length == 0 ? null : decode(newRefused[random.nextInt(newRefused.length)]);
  }

  public boolean contains(String plate) {
    return Arrays.binarySearch(sorted, encode(plate)) >= 0;
  }

  static long encode(String plate) {
    long code = 0;
    for (int i = 0; i < plate.length(); i++) {
      code = code * 37 + Character.digit(plate.charAt(i), 36) + 1;
    }
    return code;
  }

  static String decode(long code) {
    StringBuilder plate = new StringBuilder(6);
    while (code > 0) {
      plate.append(Character.toUpperCase(Character.forDigit((int) (code % 37) - 1, 36)));
      code /= 37;
    }
    return plate.reverse().toString();
  }

  /** Collects plates while the register is written. */
  static final class Builder {
    private final long[][] pools = new long[Pool.values().length][1024];
    private final int[] sizes = new int[Pool.values().length];
    private final Subset young = new Subset();
    private final Subset fresh = new Subset();

    void add(SyntheticVehicle vehicle) {
      if (vehicle.kind() == VehicleKind.TRUCK && vehicle.refusedByRules()
          && vehicle.firstAdmission().isAfter(FleetModel.SPECIAL_AFTER)) {
        young.add(encode(vehicle.plate()));
      }
      if (vehicle.kind() != VehicleKind.CAR && vehicle.refusedByRules()
          && !vehicle.firstAdmission().isBefore(FleetModel.NEW_FROM)) {
        fresh.add(encode(vehicle.plate()));
      }
      int pool = Pool.of(vehicle).ordinal();
      if (sizes[pool] == pools[pool].length) {
        pools[pool] = Arrays.copyOf(pools[pool], pools[pool].length * 2);
      }
      pools[pool][sizes[pool]++] = encode(vehicle.plate());
    }

    Fleet build() {
      long[][] trimmed = new long[pools.length][];
      for (int i = 0; i < pools.length; i++) {
        trimmed[i] = Arrays.copyOf(pools[i], sizes[i]);
      }
      return new Fleet(trimmed, young.toArray(), fresh.toArray());
    }
  }

  /** A growing array of encoded plates. */
  private static final class Subset {
    private long[] plates = new long[256];
    private int size;

    void add(long plate) {
      if (size == plates.length) {
        plates = Arrays.copyOf(plates, plates.length * 2);
      }
      plates[size++] = plate;
    }

    long[] toArray() {
      return Arrays.copyOf(plates, size);
    }
  }
}
