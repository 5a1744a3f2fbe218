package com.dataquality.dqs.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The report refresh beside an embedded job: periodic, once more at the end, never fatal. */
class PeriodicTaskTest {

    @Test
    void runsEverySoOftenAndOnceMoreWhenClosed() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        StringWriter err = new StringWriter();
        PeriodicTask task =
                PeriodicTask.every(
                        Duration.ofMillis(20), runs::incrementAndGet, new PrintWriter(err));
        long end = System.nanoTime() + 5_000_000_000L;
        while (runs.get() < 3 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(runs.get() >= 3, "periodic runs: " + runs.get());
        task.close();
        int afterClose = runs.get();
        Thread.sleep(100);
        assertEquals(afterClose, runs.get(), "nothing runs after close");
    }

    @Test
    void aFailingRunIsOneLineAndTheNextRunStillHappens() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        StringWriter err = new StringWriter();
        PeriodicTask task =
                PeriodicTask.every(
                        Duration.ofMillis(20),
                        () -> {
                            runs.incrementAndGet();
                            throw new IllegalStateException("disk full\nmore");
                        },
                        new PrintWriter(err));
        long end = System.nanoTime() + 5_000_000_000L;
        while (runs.get() < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        task.close();
        assertTrue(runs.get() >= 3, "runs: " + runs.get());
        assertTrue(
                err.toString().startsWith("dqs run: report not refreshed: disk full\n"),
                err.toString());
    }

    @Test
    void offWithoutAnIntervalAndRejectsANonPositiveOne() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask.every(null, runs::incrementAndGet, new PrintWriter(new StringWriter()))
                .close();
        assertEquals(0, runs.get());
        assertThrows(
                UsageException.class,
                () -> PeriodicTask.every(Duration.ZERO, runs::incrementAndGet, null));
    }
}
