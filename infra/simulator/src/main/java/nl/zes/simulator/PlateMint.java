package nl.zes.simulator;

import java.time.LocalDate;
import nl.zes.common.Plates;

/**
 * Issues unique Dutch plates of the sidecode in use when a vehicle was registered in the Netherlands, without
 * remembering the plates already issued: each (sidecode, kind) pair has its own counter, mapped onto that
 * sidecode's plate space by an affine permutation, so consecutive plates look random yet never repeat.
 *
 * <p>Letters are the 16 consonants the series use (no vowels, no C or Q). As in the real series, vans take a
 * first letter V and trucks a first letter B; passenger cars any other.
 */
final class PlateMint {

  private static final String LETTERS = "BDFGHJKLNPRSTVXZ";
  private static final String VAN_FIRST = "V";
  private static final String TRUCK_FIRST = "B";
  private static final String CAR_FIRST = "DFGHJKLNPRSTXZ";
  /** Sidecode patterns 1–14 (L letter, D digit), as in {@link Plates}. */
  private static final String[] PATTERNS = {
      "LLDDDD", "DDDDLL", "DDLLDD", "LLDDLL", "LLLLDD", "DDLLLL", "DDLLLD",
      "DLLLDD", "LLDDDL", "LDDDLL", "LLLDDL", "LDDLLL", "DLLDDD", "DDDLLD"
  };
  /** First registration year from which each sidecode 1–14 was issued. */
  private static final int[] FROM_YEAR = {1951, 1965, 1973, 1978, 1991, 1999, 2008, 2013, 2016, 2019, 2022, 2024, 2025, 2026};
  private static final long MULTIPLIER = 48_271L;

  private final long[][] issued = new long[PATTERNS.length][VehicleKind.values().length];
  private final long offset;

  PlateMint(long seed) {
    this.offset = seed & 0x7fff_ffffL;
  }

  /** The sidecode (1–14) issued in the year a vehicle was registered in the Netherlands. */
  static int sidecodeFor(LocalDate registeredInNl) {
    int year = registeredInNl.getYear();
    for (int i = FROM_YEAR.length - 1; i >= 0; i--) {
      if (year >= FROM_YEAR[i]) {
        return i + 1;
      }
    }
    return 1;
  }

  /** A new plate, normalised (no dashes), never issued before by this mint. */
  String issue(VehicleKind kind, LocalDate registeredInNl) {
    int sidecode = sidecodeFor(registeredInNl);
    // A full series spills into the next one, as the real series did.
    for (int code = sidecode; code <= PATTERNS.length; code++) {
      String pattern = PATTERNS[code - 1];
      long space = space(pattern, kind);
      long counter = issued[code - 1][kind.ordinal()];
      if (counter < space) {
        issued[code - 1][kind.ordinal()] = counter + 1;
        return decode(pattern, kind, Math.floorMod(counter * MULTIPLIER + offset, space));
      }
    }
    throw new IllegalStateException("no plates left for " + kind + " from sidecode " + sidecode);
  }

  private static String firstLetters(VehicleKind kind) {
    return switch (kind) {
      case VAN -> VAN_FIRST;
      case TRUCK -> TRUCK_FIRST;
      case CAR -> CAR_FIRST;
    };
  }

  private static long space(String pattern, VehicleKind kind) {
    long space = 1;
    boolean firstLetter = true;
    for (char c : pattern.toCharArray()) {
      if (c == 'D') {
        space *= 10;
      } else {
        space *= firstLetter ? firstLetters(kind).length() : LETTERS.length();
        firstLetter = false;
      }
    }
    return space;
  }

  private static String decode(String pattern, VehicleKind kind, long index) {
    char[] plate = new char[pattern.length()];
    int firstLetterAt = pattern.indexOf('L');
    for (int i = pattern.length() - 1; i >= 0; i--) {
      if (pattern.charAt(i) == 'D') {
        plate[i] = (char) ('0' + index % 10);
        index /= 10;
      } else {
        String alphabet = i == firstLetterAt ? firstLetters(kind) : LETTERS;
        plate[i] = alphabet.charAt((int) (index % alphabet.length()));
        index /= alphabet.length();
      }
    }
    return new String(plate);
  }
}
