package nl.zes.common;

import java.util.Objects;

/**
 * Dutch licence plates: normalisation to the stored form (upper case, no dashes, spaces or dots) and
 * validation against the 14 sidecodes.
 *
 * <p>A normalised plate has no dashes, so a sidecode is recognised by its letter/digit pattern alone:
 * {@code 99-XXX-9} becomes {@code DDLLLD}. No two sidecodes share a pattern. Vowels are accepted because
 * special series use them; whether a plate was ever issued is for the register to say.
 */
public final class Plates {

    /** Sidecode by pattern: bit i (from the left) is set when character i is a letter. */
    private static final byte[] SIDECODE_BY_PATTERN = new byte[64];

    static {
        String[] patterns = {
            "LLDDDD", "DDDDLL", "DDLLDD", "LLDDLL", "LLLLDD", "DDLLLL", "DDLLLD",
            "DLLLDD", "LLDDDL", "LDDDLL", "LLLDDL", "LDDLLL", "DLLDDD", "DDDLLD"
        };
        for (int i = 0; i < patterns.length; i++) {
            int mask = 0;
            for (char c : patterns[i].toCharArray()) {
                mask = (mask << 1) | (c == 'L' ? 1 : 0);
            }
            SIDECODE_BY_PATTERN[mask] = (byte) (i + 1);
        }
    }

    private Plates() {
    }

    /** Upper-cases and removes dashes, dots and white space; returns the same instance when already normal. */
    public static String normalise(String plate) {
        Objects.requireNonNull(plate, "plate");
        if (isNormal(plate)) {
            return plate;
        }
        StringBuilder normal = new StringBuilder(plate.length());
        for (int i = 0; i < plate.length(); i++) {
            char c = plate.charAt(i);
            if (c != '-' && c != '.' && !Character.isWhitespace(c)) {
                normal.append(Character.toUpperCase(c));
            }
        }
        return normal.toString();
    }

    /** Whether a normalised plate fits one of the 14 Dutch sidecodes. */
    public static boolean isValidDutch(String normalised) {
        return sidecode(normalised) != 0;
    }

    /** The sidecode (1–14) of a normalised plate, or 0 when it fits none. */
    public static int sidecode(String normalised) {
        if (normalised == null || normalised.length() != 6) {
            return 0;
        }
        int mask = 0;
        for (int i = 0; i < 6; i++) {
            char c = normalised.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                mask = (mask << 1) | 1;
            } else if (c >= '0' && c <= '9') {
                mask = mask << 1;
            } else {
                return 0;
            }
        }
        return SIDECODE_BY_PATTERN[mask];
    }

    private static boolean isNormal(String plate) {
        for (int i = 0; i < plate.length(); i++) {
            char c = plate.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
