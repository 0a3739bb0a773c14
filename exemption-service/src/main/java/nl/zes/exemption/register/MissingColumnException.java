package nl.zes.exemption.register;

import java.util.List;

/** The export lacks a column the dataset needs; thrown before any line is read. */
public final class MissingColumnException extends Exception {

    private final List<String> missing;

    MissingColumnException(List<String> missing) {
        super("missing required column" + (missing.size() == 1 ? "" : "s") + ": " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    /** Each missing column by its API name; alternatives are joined with " or ". */
    public List<String> missing() {
        return missing;
    }
}
