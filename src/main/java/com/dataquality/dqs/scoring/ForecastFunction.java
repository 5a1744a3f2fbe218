package com.dataquality.dqs.scoring;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.SeriesHistory;
import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.record.Prediction;
import com.dataquality.dqs.record.SeriesDay;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.MetricNames;
import com.dataquality.dqs.stream.Tags;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forecasts each series' pass percentage for the next day as days close, from the model in
 * broadcast state, and reports each forecast's realized error once its day is known.
 *
 * <p>Per series (keyed by dataset and rule) it keeps the observed days (executions and passes) in
 * map state, the last day it has closed, and the forecast waiting for its actual. When the
 * watermark passes the end of day d, and for every day closed since the last time, in order: the
 * forecast of d (if any) is realized when d was observed; then, when the series was observed in the
 * seven days up to d and a model is present, d+1 is forecast. A closed day is never forecast again;
 * late records still enter the history, for later forecasts. In a bounded run the watermark jumps,
 * and the same forecasts come out as in a live run, since a forecast of a day sees only history
 * dated before it.
 *
 * <p>The model is data: its bytes and version sit in broadcast state (so in every checkpoint and
 * savepoint); each task derives a native booster from them ({@link ModelCache}). A model update
 * that does not load is rejected, logged and counted; the previous model keeps serving.
 */
public final class ForecastFunction
        extends KeyedBroadcastProcessFunction<String, DailyCounts, ModelUpdate, Prediction> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ForecastFunction.class);

    /** A series is forecast while it was observed in this many days up to the closing day. */
    static final int RECENT_DAYS = 7;

    private static final String ACTIVE = "active";
    private static final long INITIAL_MODEL_RETRY_MILLIS = 200;

    /** The serving model, under one key; the descriptor both inputs of the broadcast share. */
    public static final MapStateDescriptor<String, ActiveModel> MODEL_STATE =
            new MapStateDescriptor<>("model", Types.STRING, TypeInformation.of(ActiveModel.class));

    static final MapStateDescriptor<Integer, Long> DAYS =
            new MapStateDescriptor<>("observed-days", Types.INT, Types.LONG);
    static final ValueStateDescriptor<Integer> CLOSED_THROUGH =
            new ValueStateDescriptor<>("closed-through", Types.INT);
    static final ValueStateDescriptor<Prediction> PENDING =
            new ValueStateDescriptor<>("pending-forecast", TypeInformation.of(Prediction.class));
    static final ValueStateDescriptor<Long> NEXT_CLOSE =
            new ValueStateDescriptor<>("next-day-close", Types.LONG);

    private final boolean awaitInitialModel;

    private transient MapState<Integer, Long> days;
    private transient ValueState<Integer> closedThrough;
    private transient ValueState<Prediction> pending;
    private transient ValueState<Long> nextClose;
    private transient ModelCache models;
    private transient ForecastMetrics metrics;

    /**
     * Whether this run's initial model has reached this task. Not state: it is about this run (a
     * restored job given {@code --model} must wait for the new model, not serve the restored one),
     * and every task sees every broadcast element.
     */
    private transient boolean initialModelSeen;

    /**
     * @param awaitInitialModel the run starts with a model ({@code --model}): no day closes in this
     *     task before that model has arrived (a source may start reading records before the model's
     *     source has read its file), so no forecast is lost or made by the wrong model
     */
    public ForecastFunction(boolean awaitInitialModel) {
        this.awaitInitialModel = awaitInitialModel;
    }

    @Override
    public void open(OpenContext openContext) {
        days = getRuntimeContext().getMapState(DAYS);
        closedThrough = getRuntimeContext().getState(CLOSED_THROUGH);
        pending = getRuntimeContext().getState(PENDING);
        nextClose = getRuntimeContext().getState(NEXT_CLOSE);
        models = new ModelCache();
        metrics =
                new ForecastMetrics(
                        getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP), models);
    }

    @Override
    public void close() {
        if (models != null) {
            models.close();
        }
    }

    @Override
    public void processBroadcastElement(ModelUpdate update, Context ctx, Collector<Prediction> out)
            throws Exception {
        // Every parallel instance gets the same update and makes the same decision, as
        // broadcast state requires.
        if (update.initial()) {
            initialModelSeen = true;
        }
        Scorer candidate;
        try {
            candidate = ModelCache.load(update);
        } catch (InputException | IllegalStateException e) {
            metrics.rejections.inc();
            LOG.warn("Rejected model update from {}: {}", update.origin(), e.getMessage());
            return;
        }
        BroadcastState<String, ActiveModel> state = ctx.getBroadcastState(MODEL_STATE);
        ActiveModel current = state.get(ACTIVE);
        if (current != null && current.version().equals(candidate.modelVersion())) {
            candidate.close();
            return;
        }
        state.put(
                ACTIVE,
                new ActiveModel(candidate.modelVersion(), update.origin(), update.modelJson()));
        models.replace(candidate);
        metrics.swaps.inc();
        LOG.info("Serving model {} from {}", candidate.modelVersion(), update.origin());
    }

    @Override
    public void processElement(DailyCounts c, ReadOnlyContext ctx, Collector<Prediction> out)
            throws Exception {
        if (c.executions() == 0) {
            return;
        }
        days.put(
                c.businessDay(),
                SeriesDays.add(days.get(c.businessDay()), c.executions(), c.passes()));
        long watermark = ctx.timerService().currentWatermark();
        long endOfDay = DayCloses.endOfDay(c.businessDay());
        // Days are closed from the series' earliest open day: files and partitions are read in
        // any order, so the first record seen is not the earliest. A day not closed yet is after
        // every closed day, so lowering the mark never reopens a closed one.
        Integer closed = closedThrough.value();
        if (closed == null || (endOfDay > watermark && closed > c.businessDay() - 1)) {
            closedThrough.update(c.businessDay() - 1);
        }
        DayCloses.schedule(
                nextClose,
                ctx.timerService(),
                endOfDay > watermark
                        ? endOfDay
                        : DayCloses.endOfDay(DayCloses.dayOf(watermark + 1)));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Prediction> out)
            throws Exception {
        if (awaitInitialModel && !initialModelSeen) {
            // The days stay open until the model is here. Retry on processing time: the model
            // arrives on this same thread, so waiting for it here, or re-registering this
            // event-time timer (which would fire again at once), would never let it in.
            ctx.timerService()
                    .registerProcessingTimeTimer(
                            ctx.timerService().currentProcessingTime()
                                    + INITIAL_MODEL_RETRY_MILLIS);
            return;
        }
        nextClose.clear();
        long watermark = ctx.timerService().currentWatermark();
        SeriesHistory all = SeriesDays.history(days.entries());
        if (all.size() == 0) {
            return;
        }
        int lastObserved = all.days()[all.size() - 1];
        // At the end of input close the series' own days only, so its last forecast is for the
        // day after its last observation. Otherwise stop where a dormant series stops being
        // forecast: the loop stays short whatever the watermark jumped to.
        int closeUpTo =
                watermark == DayCloses.END_OF_INPUT
                        ? lastObserved
                        : Math.min(DayCloses.dayOf(watermark), lastObserved + RECENT_DAYS);
        int from = closedThrough.value() + 1;
        Scorer scorer = models.scorerFor(ctx.getBroadcastState(MODEL_STATE).get(ACTIVE));
        String datasetUuid = Keys.seriesDatasetUuid(ctx.getCurrentKey());
        int ruleCode = Keys.seriesRuleCode(ctx.getCurrentKey());

        Prediction waiting = pending.value();
        for (int d = from; d <= closeUpTo; d++) {
            Long observed = days.get(d);
            if (observed != null && SeriesDays.executions(observed) > 0) {
                ctx.output(
                        Tags.CLOSED_DAYS,
                        new SeriesDay(
                                datasetUuid,
                                ruleCode,
                                d,
                                SeriesDays.executions(observed),
                                SeriesDays.passes(observed)));
            }
            if (waiting != null
                    && waiting.businessDate().equals(LocalDate.ofEpochDay(d).toString())) {
                if (observed != null && SeriesDays.executions(observed) > 0) {
                    Prediction realized =
                            waiting.realized(
                                    100.0
                                            * SeriesDays.passes(observed)
                                            / SeriesDays.executions(observed));
                    out.collect(realized);
                    metrics.realized(realized.absError());
                }
                waiting = null;
            }
            if (scorer != null && observedWithin(all, d - RECENT_DAYS + 1, d)) {
                // Realized in this same loop when d+1 has closed too.
                waiting = forecast(d + 1, all, datasetUuid, ruleCode, scorer, ctx, out);
            }
        }
        closedThrough.update(Math.max(from - 1, closeUpTo));
        if (waiting != null) {
            pending.update(waiting);
        } else {
            pending.clear();
        }
        forget(closeUpTo - SeriesHistory.WINDOW_DAYS);

        int next = closedThrough.value() + 1;
        if (watermark != DayCloses.END_OF_INPUT && lastObserved > next - RECENT_DAYS) {
            DayCloses.schedule(nextClose, ctx.timerService(), DayCloses.endOfDay(next));
        }
    }

    private Prediction forecast(
            int target,
            SeriesHistory all,
            String datasetUuid,
            int ruleCode,
            Scorer scorer,
            OnTimerContext ctx,
            Collector<Prediction> out) {
        long start = System.nanoTime();
        FeatureExtractor extractor = scorer.extractor();
        double[] features = extractor.extract(all.before(target), target, datasetUuid, ruleCode);
        double predicted = scorer.predict(features);
        metrics.latency.update((System.nanoTime() - start) / 1_000);
        Prediction p =
                new Prediction(
                        datasetUuid,
                        ruleCode,
                        LocalDate.ofEpochDay(target).toString(),
                        predicted,
                        scorer.modelVersion(),
                        null,
                        null);
        out.collect(p);
        ctx.output(
                Tags.FORECAST_FEATURES,
                new ForecastFeatures(
                        datasetUuid, ruleCode, target, features, scorer.modelVersion()));
        metrics.forecasts.inc();
        return p;
    }

    private static boolean observedWithin(SeriesHistory h, int fromDay, int toDay) {
        for (int day : h.days()) {
            if (day >= fromDay && day <= toDay) {
                return true;
            }
        }
        return false;
    }

    /** Drops days no forecast can see any more. */
    private void forget(int beforeDay) throws Exception {
        Iterator<Map.Entry<Integer, Long>> it = days.iterator();
        while (it.hasNext()) {
            if (it.next().getKey() < beforeDay) {
                it.remove();
            }
        }
    }

    /** The function's metrics, under the {@code dqs} group. */
    private static final class ForecastMetrics {
        final Counter forecasts;
        final Counter swaps;
        final Counter rejections;
        final DescriptiveStatisticsHistogram latency;
        private double errorSum;
        private long errorCount;

        ForecastMetrics(MetricGroup group, ModelCache models) {
            forecasts = group.counter(MetricNames.FORECASTS_EMITTED);
            swaps = group.counter(MetricNames.MODEL_SWAPS);
            rejections = group.counter(MetricNames.MODEL_REJECTIONS);
            latency =
                    group.histogram(
                            MetricNames.FORECAST_LATENCY_MICROS,
                            new DescriptiveStatisticsHistogram(10_000));
            group.gauge(MetricNames.MODEL_VERSION, models::version);
            group.gauge(
                    MetricNames.REALIZED_MAE,
                    () -> errorCount == 0 ? Double.NaN : errorSum / errorCount);
        }

        void realized(double absError) {
            errorSum += absError;
            errorCount++;
        }
    }
}
