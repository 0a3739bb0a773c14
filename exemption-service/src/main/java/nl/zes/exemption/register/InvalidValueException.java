package nl.zes.exemption.register;

/** A value that cannot be read; becomes the {@link Rejection} of its line. */
final class InvalidValueException extends Exception {

    InvalidValueException(String column, String problem) {
        super(column + ": " + problem, null, false, false);
    }
}
