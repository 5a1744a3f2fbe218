package com.dataquality.dqs.launch;

/** Tells a job that someone cancelled (the dashboard, the REST API) from one that failed. */
public final class Cancellation {
    private Cancellation() {}

    public static boolean isCancellation(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof org.apache.flink.runtime.client.JobCancellationException) {
                return true;
            }
        }
        return false;
    }
}
