package nl.zes.exemption.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.zes.exemption.domain.EmissionClass;
import nl.zes.exemption.domain.Vehicle;
import nl.zes.exemption.domain.VehicleKind;

/**
 * Vehicles by plate, compact: a Dutch plate (six letters and digits) is packed into a number, and a vehicle into
 * another: its two dates as days and the number of its <em>profile</em>, everything else about it (category,
 * kind, fuels, emission class, codes, mass), which millions of vehicles share among a few thousand values. Both
 * numbers sit side by side in one open-addressing array (linear probing), so finding a vehicle touches one
 * cache line and the index holds no object per vehicle (about 22 bytes a vehicle instead of 120). The rare
 * vehicle that does not pack (a plate of another shape, a date beyond the packed range) is kept as it is.
 * {@link #get} builds the {@link Vehicle} anew each time. Plates are never removed from the register, so there are
 * no deletions. Not thread-safe: it is read and written on the exemption-service's event loop only.
 */
final class VehicleTable {

  private static final int MAX_LOAD_PERCENT = 75;
  private static final int DATE_BITS = 20;
  private static final long DATE_MASK = (1L << DATE_BITS) - 1;
  /** Packed day 1 is 0000-01-01; 0 stands for no date. */
  private static final long DAY_BASE = LocalDate.of(0, 1, 1).toEpochDay() - 1;
  private static final int MAX_PROFILES = (1 << (64 - 2 * DATE_BITS)) - 2;
  /** The packed vehicle of a Dutch plate whose vehicle is kept in {@link #unpacked}. */
  private static final long UNPACKED = -1;

  /** Pairs (plate key, packed vehicle); key 0 is an empty slot. */
  private long[] slots = new long[2 << 10];
  private int size;
  private final List<Profile> profiles = new ArrayList<>();
  private final Map<Profile, Integer> profileNumbers = new HashMap<>();
  private final Map<String, Vehicle> unpacked = new HashMap<>();
  /** Vehicles whose plate has no key: they are only in {@link #unpacked}. */
  private int keyless;

  Vehicle get(String plate) {
    long key = key(plate);
    if (key == 0) {
      return unpacked.isEmpty() ? null : unpacked.get(plate);
    }
    long[] table = slots;
    int mask = table.length - 2;
    for (int i = slot(key, mask); ; i = (i + 2) & mask) {
      long present = table[i];
      if (present == 0) {
        return null;
      }
      if (present == key) {
        long packed = table[i + 1];
        return packed == UNPACKED ? unpacked.get(plate) : unpack(plate, packed);
      }
    }
  }

  void put(Vehicle vehicle) {
    long key = key(vehicle.plate());
    long packed = key == 0 ? UNPACKED : pack(vehicle);
    if (packed == UNPACKED) {
      boolean added = unpacked.put(vehicle.plate(), vehicle) == null;
      if (key == 0) {
        keyless += added ? 1 : 0;
        return;
      }
    } else if (!unpacked.isEmpty()) {
      unpacked.remove(vehicle.plate());
    }
    if ((size + 1) * 200L > (long) slots.length * MAX_LOAD_PERCENT) {
      grow();
    }
    if (insert(slots, key, packed)) {
      size++;
    }
  }

  int size() {
    return size + keyless;
  }

  private Vehicle unpack(String plate, long packed) {
    Profile p = profiles.get((int) (packed >>> (2 * DATE_BITS)));
    long registration = packed & DATE_MASK;
    return new Vehicle(plate, p.category, p.kind, p.tractorUnit, p.fuels, p.emissionClass,
        LocalDate.ofEpochDay(((packed >>> DATE_BITS) & DATE_MASK) + DAY_BASE), p.firstRegistrationNl(registration),
        p.bodyCodes, p.remarkCodes, p.maximumMassKg);
  }

  /** The packed vehicle, or {@link #UNPACKED} when a date is beyond the packed range or profiles ran out. */
  private long pack(Vehicle v) {
    long admission = day(v.firstAdmission());
    long registration = v.firstRegistrationNl() == null ? 0 : day(v.firstRegistrationNl());
    if (admission <= 0 || registration < 0) {
      return UNPACKED;
    }
    Profile profile = new Profile(v.category(), v.kind(), v.tractorUnit(), v.fuels(), v.emissionClass(),
        v.bodyCodes(), v.remarkCodes(), v.maximumMassKg());
    Integer number = profileNumbers.get(profile);
    if (number == null) {
      if (profiles.size() >= MAX_PROFILES) {
        return UNPACKED;
      }
      number = profiles.size();
      profiles.add(profile);
      profileNumbers.put(profile, number);
    }
    return ((long) number << (2 * DATE_BITS)) | (admission << DATE_BITS) | registration;
  }

  /** 1 … 2^20 − 2 for a date in range, −1 beyond it. */
  private static long day(LocalDate date) {
    long day = date.toEpochDay() - DAY_BASE;
    return day >= 1 && day < DATE_MASK ? day : -1;
  }

  private void grow() {
    long[] larger = new long[slots.length * 2];
    for (int i = 0; i < slots.length; i += 2) {
      if (slots[i] != 0) {
        insert(larger, slots[i], slots[i + 1]);
      }
    }
    slots = larger;
  }

  /** True when the plate was new, false when it replaced the plate's vehicle. */
  private static boolean insert(long[] table, long key, long packed) {
    int mask = table.length - 2;
    for (int i = slot(key, mask); ; i = (i + 2) & mask) {
      long present = table[i];
      if (present == 0 || present == key) {
        table[i] = key;
        table[i + 1] = packed;
        return present == 0;
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** A six-character plate of digits and capitals as a number 1 … 36^6; 0 for any other plate. */
  static long key(String plate) {
    if (plate.length() != 6) {
      return 0;
    }
    long key = 0;
    for (int i = 0; i < 6; i++) {
      char c = plate.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'A' && c <= 'Z') {
        digit = c - 'A' + 10;
      } else {
        return 0;
      }
      key = key * 36 + digit;
    }
    return key + 1;
  }

  /** What a vehicle shares with many others: all but its plate and dates. */
  private record Profile(
      String category,
      VehicleKind kind,
      boolean tractorUnit,
      List<String> fuels,
      EmissionClass emissionClass,
      Set<String> bodyCodes,
      Set<String> remarkCodes,
      Integer maximumMassKg) {

    LocalDate firstRegistrationNl(long packed) {
      return packed == 0 ? null : LocalDate.ofEpochDay(packed + DAY_BASE);
    }
  }
}
