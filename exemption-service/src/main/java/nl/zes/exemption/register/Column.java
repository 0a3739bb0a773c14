package nl.zes.exemption.register;

import org.apache.commons.csv.CSVRecord;

/** One column of an export: its API name and position. */
record Column(String name, int index) {

    static final Column ABSENT = new Column("", -1);

    boolean isPresent() {
        return index >= 0;
    }

    /** The trimmed value in a record, "" when empty or when the export has no such column. */
    String value(CSVRecord record) {
        return isPresent() ? record.get(index).trim() : "";
    }
}
