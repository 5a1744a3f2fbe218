package com.dataquality.dqs.launch;

import com.dataquality.dqs.UsageException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task that runs every so often beside an embedded job (the HTML report of {@code dqs run
 * --report-interval}), on one daemon thread, and once more when it is closed, after the job has
 * ended, so that the last run sees the job's final outputs. A failing run prints one line and the
 * next one tries again: a report must never stop the job.
 */
final class PeriodicTask implements AutoCloseable {
    private static final PeriodicTask NONE = new PeriodicTask(null, null, null);

    private final ScheduledExecutorService executor;
    private final Runnable task;
    private final PrintWriter err;

    private PeriodicTask(ScheduledExecutorService executor, Runnable task, PrintWriter err) {
        this.executor = executor;
        this.task = task;
        this.err = err;
    }

    /** Starts running {@code task} every {@code every}; nothing when either is null. */
    static PeriodicTask every(Duration every, Runnable task, PrintWriter err) {
        if (every == null || task == null) {
            return NONE;
        }
        if (every.isZero() || every.isNegative()) {
            throw new UsageException("--report-interval must be positive, got " + every);
        }
        ScheduledExecutorService executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "dqs-report-refresh");
                            t.setDaemon(true);
                            return t;
                        });
        PeriodicTask p = new PeriodicTask(executor, task, err);
        long millis = Math.max(1, every.toMillis());
        executor.scheduleWithFixedDelay(p::runOnce, millis, millis, TimeUnit.MILLISECONDS);
        return p;
    }

    private void runOnce() {
        try {
            task.run();
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            err.println("dqs run: report not refreshed: " + m.lines().findFirst().orElse(""));
            err.flush();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (executor == null) {
            return;
        }
        // Let a run in progress finish (it writes atomically, but an interrupt would waste it).
        executor.shutdown();
        executor.awaitTermination(2, TimeUnit.MINUTES);
        runOnce();
    }
}
