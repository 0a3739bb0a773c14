package nl.zes.exemption.register;

import org.apache.commons.csv.CSVRecord;

/** Turns one record of a dataset into its row; bound to the columns of one export. */
interface LineParser {

    ParsedLine parse(CSVRecord record, long line) throws InvalidValueException;
}
