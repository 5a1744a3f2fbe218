package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.ModelRegistry;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's own retrainer ({@code dqs run --auto-retrain}): each retrain trigger starts one turn of
 * the {@link RetrainLoop} on the run's input files up to the trigger's day, and a winning model is
 * published into the watched models directory, from where the live-swap path delivers it to the
 * forecasts and the drift detector.
 *
 * <p>Training takes seconds, so it runs on one background thread of the writer, never on the task
 * thread: the pipeline keeps flowing, turns run one at a time in trigger order. At the end of a
 * bounded input the writer waits for the turns still running. A turn that fails (unreadable
 * history, too little data) is logged and the job goes on with its model. Run at parallelism 1. Not
 * exactly-once: a trigger replayed after a failure may retrain twice, which is harmless (the second
 * candidate must beat the first to replace it).
 */
public final class RetrainSink implements Sink<RetrainTrigger> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RetrainSink.class);

    private final List<String> history;
    private final String registry;
    private final String publishDir;
    private final int trainDays;
    private final int compareDays;

    public RetrainSink(
            List<Path> history, Path registry, Path publishDir, Retrainer.Options options) {
        this.history = history.stream().map(p -> p.toAbsolutePath().toString()).toList();
        this.registry = registry.toAbsolutePath().toString();
        this.publishDir = publishDir.toAbsolutePath().toString();
        this.trainDays = options.trainDays();
        this.compareDays = options.compareDays();
    }

    @Override
    public SinkWriter<RetrainTrigger> createWriter(WriterInitContext context) {
        return new Writer();
    }

    private final class Writer implements SinkWriter<RetrainTrigger> {
        private final ExecutorService executor =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "dqs-retrain");
                            t.setDaemon(true);
                            return t;
                        });
        private final List<Future<?>> running = new ArrayList<>();

        @Override
        public void write(RetrainTrigger trigger, Context context) {
            running.removeIf(Future::isDone);
            running.add(executor.submit(() -> turn(trigger)));
        }

        @Override
        public void flush(boolean endOfInput) throws java.io.IOException {
            if (!endOfInput) {
                return;
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("waiting for a retraining");
                } catch (java.util.concurrent.ExecutionException e) {
                    // turn() logs its own failures
                }
            }
            running.clear();
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    private void turn(RetrainTrigger trigger) {
        try {
            int day = (int) LocalDate.parse(trigger.businessDate()).toEpochDay();
            HistoryFiles.Read read =
                    HistoryFiles.read(history.stream().map(Path::of).toList(), day);
            Retrainer.Verdict v =
                    RetrainLoop.run(
                            read.table(),
                            new ModelRegistry(Path.of(registry)),
                            Path.of(publishDir),
                            new Retrainer.Options(trainDays, compareDays),
                            "trigger " + trigger.businessDate() + ": " + trigger.reason(),
                            m -> LOG.debug("retrain: {}", m));
            if (v.better()) {
                LOG.info(
                        "Retrain on trigger {}: promoted and published {} ({})",
                        trigger.businessDate(),
                        v.candidate().version(),
                        v.reason());
            } else {
                LOG.info(
                        "Retrain on trigger {}: kept {} ({})",
                        trigger.businessDate(),
                        v.activeVersion(),
                        v.reason());
            }
        } catch (RuntimeException e) {
            LOG.warn("Retrain on trigger {} failed: {}", trigger.businessDate(), e.getMessage());
        }
    }
}
