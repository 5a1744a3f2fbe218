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

    /** Whether a job ended because someone cancelled it (the dashboard, the REST API). */
    static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof org.apache.flink.runtime.client.JobCancellationException) {
                return true;
            }
        }
        return false;
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
