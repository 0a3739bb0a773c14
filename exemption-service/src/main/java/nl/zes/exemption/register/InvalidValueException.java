package nl.zes.exemption.register;

/** A value that cannot be read; becomes the {@link Rejection} of its line. */
final class InvalidValueException extends Exception {

    InvalidValueException(String column, String problem) {
        // No stack trace: a bad export may reject millions of lines, and the message says all.
        super(column + ": " + problem, null, false, false);
    }
}
