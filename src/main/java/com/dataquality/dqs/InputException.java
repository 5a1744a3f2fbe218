package com.dataquality.dqs;

/**
 * A problem the user can fix: a missing file, invalid rule metadata, a bad option value, a corrupt
 * model file. The command line prints its message as one line on stderr, without a stack trace, and
 * exits non-zero; so the message must name the thing and the problem.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
