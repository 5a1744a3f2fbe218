package com.dataquality.dqs;

/**
 * Options that do not go together or a value out of range: the command line prints the message as
 * one line, points at the command's {@code --help}, and exits with the usage code (2). Thrown by
 * code that checks options outside picocli (a run plan), so that checks live with the logic they
 * protect.
 */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
