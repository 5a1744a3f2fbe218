package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;

/** Turns exceptions into the one line a user sees. */
final class Errors {
    private Errors() {}

    /**
     * Flink wraps a failure of a job several times (JobExecutionException, the task's
     * exception...); the user's problem is the innermost {@link InputException}.
     */
    static InputException findInputException(Throwable t) {
        InputException found = null;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof InputException ie) {
                found = ie;
            }
        }
        return found;
    }

    /**
     * A failure the user can act on, recognized in the cause chain, as one line: a busy port, a
     * full disk, an unreachable broker. Null when none is recognized.
     */
    static String known(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            String msg = String.valueOf(c.getMessage());
            if (c instanceof java.net.BindException
                    || msg.contains("Address already in use")
                    || msg.contains("Could not start rest endpoint on any port")) {
                return "a port this run needs is in use by another process (another dqs run?):"
                        + " choose another with --web-ui-port or --metrics-port ("
                        + message(c)
                        + ")";
            }
            if (msg.contains("No space left on device")) {
                return "no space left on device: free disk space for the output and checkpoint"
                        + " directories ("
                        + oneLine(c)
                        + ")";
            }
            if (c.getClass().getName().startsWith("org.apache.kafka.common.errors.Timeout")
                    || msg.contains("Timed out waiting for a node assignment")
                    || msg.contains("No resolvable bootstrap urls")) {
                return "cannot reach Kafka (check --kafka BOOTSTRAP and that the brokers run): "
                        + message(c);
            }
            if (c instanceof org.apache.flink.runtime.client.JobInitializationException
                    && msg.contains("savepoint")) {
                return "the job cannot start from that savepoint: " + message(c);
            }
        }
        return null;
    }

    /** A cause's message on one line, without its type. */
    private static String message(Throwable t) {
        String msg = t.getMessage();
        return msg == null ? "no details" : msg.replace('\n', ' ').replace('\r', ' ');
    }

    /** The innermost cause's type and message on one line. */
    static String oneLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        String text = root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
