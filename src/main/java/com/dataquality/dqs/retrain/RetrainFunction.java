package com.dataquality.dqs.retrain;

import com.dataquality.dqs.drift.KeptDays;
import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SeriesDay;
import com.dataquality.dqs.stream.DayCloses;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's own retrainer ({@code dqs run --auto-retrain}): it keeps every series' recent closed
 * days in state (the daily series the job already computes, so it works for file and Kafka runs
 * alike), and on each retraining trigger trains a candidate from them, compares it with the
 * registry's active model and, when it wins, publishes it into the watched models directory, from
 * where the live-swap path serves it.
 *
 * <p>Runs at parallelism 1 under one constant key. Training runs on a background thread so that the
 * pipeline does not pause; at the end of a bounded input the function waits for it. A trigger
 * replayed after a failure retrains again (the registry then holds two candidates; the comparison
 * decides again), which is harmless but not exactly-once.
 */
public final class RetrainFunction
        extends KeyedCoProcessFunction<Integer, SeriesDay, RetrainTrigger, String> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RetrainFunction.class);

    static final MapStateDescriptor<String, DailySeries> SERIES =
            new MapStateDescriptor<>(
                    "series-days", Types.STRING, TypeInformation.of(DailySeries.class));

    /** What versions before 0.2 kept, drained into {@link #SERIES} when first touched. */
    static final MapStateDescriptor<String, KeptDays> LEGACY =
            new MapStateDescriptor<>("kept-days", Types.STRING, TypeInformation.of(KeptDays.class));

    private final String registry;
    private final String publishDir;
    private final Retrainer.Options options;

    private transient MapState<String, DailySeries> series;
    private transient MapState<String, KeptDays> legacy;
    private transient ExecutorService executor;
    private transient List<Future<?>> running;

    public RetrainFunction(Path registry, Path publishDir, Retrainer.Options options) {
        this.registry = registry.toAbsolutePath().toString();
        this.publishDir = publishDir.toAbsolutePath().toString();
        this.options = options;
    }

    @Override
    public void open(OpenContext openContext) {
        series = getRuntimeContext().getMapState(SERIES);
        legacy = getRuntimeContext().getMapState(LEGACY);
        executor =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "dqs-retrain");
                            t.setDaemon(true);
                            return t;
                        });
        running = new ArrayList<>();
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Days a candidate trains on plus the days it is compared on, and a week's margin. */
    private int keepDays() {
        return options.trainDays() + options.compareDays() + 7;
    }

    @Override
    public void processElement1(SeriesDay d, Context ctx, Collector<String> out) throws Exception {
        drainLegacy();
        String key = Keys.seriesKey(d.datasetUuid(), d.ruleCode());
        DailySeries s = series.get(key);
        if (s == null) {
            s = new DailySeries(d.datasetUuid(), d.ruleCode(), new int[0], new int[0], new int[0]);
        }
        series.put(key, s.plus(d.day(), d.executions(), d.passes(), keepDays()));
    }

    @Override
    public void processElement2(RetrainTrigger trigger, Context ctx, Collector<String> out)
            throws Exception {
        drainLegacy();
        int throughDay = (int) LocalDate.parse(trigger.businessDate()).toEpochDay();
        DailySeriesTable table = new DailySeriesTable();
        for (DailySeries s : series.values()) {
            table.addSeries(s.through(throughDay));
        }
        running.removeIf(Future::isDone);
        running.add(executor.submit(() -> retrain(table, trigger)));
        // At the end of a bounded input, wait for the training before the job finishes.
        ctx.timerService().registerEventTimeTimer(DayCloses.END_OF_INPUT);
        out.collect("retraining on trigger " + trigger.businessDate());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out)
            throws Exception {
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // retrain() logs its own failures
            }
        }
        running.clear();
    }

    private void drainLegacy() throws Exception {
        if (legacy.isEmpty()) {
            return;
        }
        for (Map.Entry<String, KeptDays> e : legacy.entries()) {
            KeptDays k = e.getValue();
            series.put(
                    e.getKey(),
                    new DailySeries(k.datasetUuid, k.ruleCode, k.days, k.executions, k.passes));
        }
        legacy.clear();
    }

    private void retrain(DailySeriesTable table, RetrainTrigger trigger) {
        try {
            Retrainer.Verdict v =
                    RetrainLoop.run(
                            table,
                            new ModelRegistry(Path.of(registry)),
                            Path.of(publishDir),
                            RetrainLoop.Publish.CHALLENGER,
                            options,
                            "trigger " + trigger.businessDate() + ": " + trigger.reason(),
                            m -> LOG.debug("retrain: {}", m));
            LOG.info(
                    "Retrain on trigger {}: {} ({})",
                    trigger.businessDate(),
                    v.better()
                            ? "promoted and published " + v.candidate().version()
                            : "kept " + v.activeVersion(),
                    v.reason());
        } catch (RuntimeException e) {
            LOG.warn("Retrain on trigger {} failed: {}", trigger.businessDate(), e.getMessage(), e);
        }
    }
}
