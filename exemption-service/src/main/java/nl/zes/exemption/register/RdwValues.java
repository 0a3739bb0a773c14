package nl.zes.exemption.register;

import java.time.DateTimeException;
import java.time.LocalDate;
import nl.zes.common.Plates;

/** Reading RDW values: plates, dates (yyyymmdd, or ISO in the …_dt fields) and numbers ("1,796"). */
final class RdwValues {

    private RdwValues() {
    }

    static String plate(Column column, String raw) throws InvalidValueException {
        if (raw.isEmpty()) {
            throw new InvalidValueException(column.name(), "missing");
        }
        String plate = Plates.normalise(raw);
        if (!Plates.isValidDutch(plate)) {
            throw new InvalidValueException(column.name(), "'" + raw + "' is not a Dutch plate");
        }
        return plate;
    }

    /** A date as yyyymmdd or as an ISO date, optionally followed by a time; null when empty. */
    static LocalDate date(Column column, String raw) throws InvalidValueException {
        if (raw.isEmpty()) {
            return null;
        }
        try {
            if (raw.length() == 8 && isDigits(raw, 0, 8)) {
                return LocalDate.of(number(raw, 0, 4), number(raw, 4, 6), number(raw, 6, 8));
            }
            if (raw.length() >= 10 && isDigits(raw, 0, 4) && raw.charAt(4) == '-' && isDigits(raw, 5, 7)
                    && raw.charAt(7) == '-' && isDigits(raw, 8, 10)
                    && (raw.length() == 10 || raw.charAt(10) == 'T' || raw.charAt(10) == ' ')) {
                return LocalDate.of(number(raw, 0, 4), number(raw, 5, 7), number(raw, 8, 10));
            }
        } catch (DateTimeException e) {
            throw new InvalidValueException(column.name(), "'" + raw + "' is not a valid date");
        }
        throw new InvalidValueException(column.name(), "'" + raw + "' is not a date (yyyymmdd)");
    }

    static LocalDate requiredDate(Column column, String raw) throws InvalidValueException {
        LocalDate date = date(column, raw);
        if (date == null) {
            throw new InvalidValueException(column.name(), "missing");
        }
        return date;
    }

    /** A whole number, possibly with thousands separators ("1,796") or a zero fraction; null when empty. */
    static Integer wholeNumber(Column column, String raw) throws InvalidValueException {
        if (raw.isEmpty()) {
            return null;
        }
        String digits = raw.replace(",", "");
        int point = digits.indexOf('.');
        if (point >= 0 && isZeros(digits, point + 1)) {
            digits = digits.substring(0, point);
        }
        if (digits.isEmpty() || digits.length() > 9 || !isDigits(digits, 0, digits.length())) {
            throw new InvalidValueException(column.name(), "'" + raw + "' is not a whole number");
        }
        return Integer.parseInt(digits);
    }

    private static boolean isDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isZeros(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }
}
