package nl.zes.simulator;

import java.util.SplittableRandom;

/** Plates of neighbouring and other EU countries as cameras read them, by share of foreign traffic [assumed]. */
final class ForeignPlates {

  private static final String LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
  /** Country, share, and a pattern (L letter, D digit). */
  private static final String[][] COUNTRIES = {
      {"DE", "0.40", "LLLDDDD"}, {"BE", "0.30", "DLLLDDD"}, {"PL", "0.12", "LLLDDDDD"},
      {"FR", "0.06", "LLDDDLL"}, {"LU", "0.04", "LLDDDD"}, {"GB", "0.04", "LLDDLLL"}, {"RO", "0.04", "LDDDLLL"}};

  private ForeignPlates() {
  }

  /** {country, plate}. */
  static String[] draw(SplittableRandom random) {
    double u = random.nextDouble();
    String[] country = COUNTRIES[COUNTRIES.length - 1];
    double sum = 0;
    for (String[] c : COUNTRIES) {
      sum += Double.parseDouble(c[1]);
      if (u < sum) {
        country = c;
        break;
      }
    }
    StringBuilder plate = new StringBuilder();
    for (char c : country[2].toCharArray()) {
      plate.append(c == 'D' ? (char) ('0' + random.nextInt(10)) : LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return new String[] {country[0], plate.toString()};
  }
}
