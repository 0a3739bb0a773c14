package nl.zes.exemption.register;

/** A line that was not imported, with a reason that names the column. */
public record Rejection(long line, String error) implements ParsedLine {
}
