package nl.zes.exemption.register;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams an RDW CSV export line by line: each data line becomes a typed row or a {@link Rejection}; memory
 * stays bounded however large the export. Columns are found by header name in any order; unknown columns
 * are ignored. A CSV syntax error (an unterminated quote, say) ends the stream with a rejection of its line,
 * since nothing after it can be read reliably.
 *
 * <pre>{@code
 * try (RdwCsvReader lines = RdwCsvReader.open(Dataset.FUELS, reader)) {
 *     for (List<ParsedLine> chunk = lines.nextChunk(5_000); !chunk.isEmpty(); chunk = lines.nextChunk(5_000)) {
 *         upsert(chunk);
 *     }
 * }
 * }</pre>
 */
public final class RdwCsvReader implements Iterator<ParsedLine>, Closeable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final CSVParser csv;
    private final Iterator<CSVRecord> records;
    private final int width;
    private final LineParser parser;
    private ParsedLine next;
    private boolean finished;

    private RdwCsvReader(CSVParser csv, Iterator<CSVRecord> records, int width, LineParser parser) {
        this.csv = csv;
        this.records = records;
        this.width = width;
        this.parser = parser;
    }

    /**
     * Reads the header and checks that the dataset's required columns are present.
     *
     * @throws MissingColumnException before any line is read, when a required column is missing
     * @throws IOException            when the header cannot be read
     */
    public static RdwCsvReader open(Dataset dataset, Reader reader) throws IOException, MissingColumnException {
        CSVParser csv = CSVParser.parse(reader, FORMAT);
        try {
            Iterator<CSVRecord> records = csv.iterator();
            List<String> header = records.hasNext() ? records.next().toList() : List.of();
            return new RdwCsvReader(csv, records, header.size(), dataset.parser(new Columns(header)));
        } catch (UncheckedIOException e) {
            csv.close();
            throw e.getCause();
        } catch (MissingColumnException | RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null && !finished) {
            next = read();
        }
        return next != null;
    }

    @Override
    public ParsedLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ParsedLine line = next;
        next = null;
        return line;
    }

    /** Up to {@code max} lines; empty at the end of the export. */
    public List<ParsedLine> nextChunk(int max) {
        List<ParsedLine> chunk = new ArrayList<>(Math.min(max, 8_192));
        while (chunk.size() < max && hasNext()) {
            chunk.add(next());
        }
        return chunk;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private ParsedLine read() {
        while (true) {
            long line = csv.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    finished = true;
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CSVException syntax) {
                    finished = true;
                    return new Rejection(line, "malformed CSV, import stopped here: " + syntax.getMessage());
                }
                throw e;
            }
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            if (record.size() != width) {
                return new Rejection(line, "expected " + width + " fields as in the header, found " + record.size());
            }
            try {
                return parser.parse(record, line);
            } catch (InvalidValueException e) {
                return new Rejection(line, e.getMessage());
            }
        }
    }
}
