package nl.zes.exemption.domain;

import java.util.Locale;

/**
 * A vehicle's emission class, normalised from the notations the register uses ({@code 6}, {@code VI},
 * {@code EURO 6}, {@code Euro VI}, {@code EURO 6 D TEMP}, {@code Z}, empty). Anything unreadable is
 * {@link #UNKNOWN}; parsing never fails.
 */
public enum EmissionClass {
    EURO_0,
    EURO_1,
    EURO_2,
    EURO_3,
    EURO_4,
    EURO_5,
    EURO_6,
    ZERO,
    UNKNOWN;

    private static final EmissionClass[] EURO = {EURO_0, EURO_1, EURO_2, EURO_3, EURO_4, EURO_5, EURO_6};
    private static final String[] ROMAN = {"", "I", "II", "III", "IV", "V", "VI"};
    /** Longest first, so that "VI" is not read as "V". */
    private static final int[] ROMAN_LONGEST_FIRST = {3, 6, 4, 2, 5, 1};

    public static EmissionClass parse(String notation) {
        if (notation == null) {
            return UNKNOWN;
        }
        String text = notation.trim().toUpperCase(Locale.ROOT);
        if (text.equals("Z")) {
            return ZERO;
        }
        // EEV (enhanced environmentally friendly vehicle) is a heavy-duty level between V and VI; it counts as V.
        if (text.equals("EEV")) {
            return EURO_5;
        }
        if (text.startsWith("EURO")) {
            int start = 4;
            while (start < text.length() && " _-".indexOf(text.charAt(start)) >= 0) {
                start++;
            }
            text = text.substring(start);
        }
        if (text.isEmpty()) {
            return UNKNOWN;
        }
        char first = text.charAt(0);
        if (first >= '0' && first <= '6') {
            boolean alone = text.length() == 1 || !Character.isDigit(text.charAt(1));
            return alone ? EURO[first - '0'] : UNKNOWN;
        }
        for (int level : ROMAN_LONGEST_FIRST) {
            String numeral = ROMAN[level];
            if (text.startsWith(numeral)
                    && (text.length() == numeral.length() || !Character.isLetter(text.charAt(numeral.length())))) {
                return EURO[level];
            }
        }
        return UNKNOWN;
    }

    /** 0–6 for a Euro class; -1 for {@link #ZERO} and {@link #UNKNOWN}, which have no level. */
    public int level() {
        return ordinal() <= EURO_6.ordinal() ? ordinal() : -1;
    }

    /** The stored and published form: "0" … "6", "Z", or null when unknown. */
    public String code() {
        return switch (this) {
            case ZERO -> "Z";
            case UNKNOWN -> null;
            default -> String.valueOf(level());
        };
    }

    /** How people write it: arabic numerals for vans, roman for trucks ("class 6" van, "class VI" truck). */
    public String notation(VehicleKind kind) {
        return switch (this) {
            case ZERO -> "Z";
            case UNKNOWN -> "unknown";
            default -> kind == VehicleKind.TRUCK ? (level() == 0 ? "0" : ROMAN[level()]) : String.valueOf(level());
        };
    }
}
