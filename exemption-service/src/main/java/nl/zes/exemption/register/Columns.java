package nl.zes.exemption.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header of an export, matched by name in either style: the API's {@code datum_eerste_toelating} or the
 * bulk download's {@code Datum eerste toelating} (case-insensitive, white space as underscores).
 */
final class Columns {

    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<String> missing = new ArrayList<>();

    Columns(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            indexByName.putIfAbsent(normalise(header.get(i)), i);
        }
    }

    static String normalise(String name) {
        return name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
    }

    /** The first of the named columns that the header has, by API name; absent when it has none. */
    Column column(String... names) {
        for (String name : names) {
            Integer index = indexByName.get(name);
            if (index != null) {
                return new Column(name, index);
            }
        }
        return Column.ABSENT;
    }

    /** A column that must be present, under one of its names. */
    Column required(String... names) {
        Column column = column(names);
        if (!column.isPresent()) {
            missing.add(String.join(" or ", names));
        }
        return column;
    }

    /** At least one of these columns must be present. */
    void requireOneOf(String... names) {
        for (String name : names) {
            if (indexByName.containsKey(name)) {
                return;
            }
        }
        missing.add(String.join(" or ", names));
    }

    void check() throws MissingColumnException {
        if (!missing.isEmpty()) {
            throw new MissingColumnException(missing);
        }
    }
}
