package com.dataquality.dqs.scoring;

import com.dataquality.dqs.record.Anomaly;
import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.PairedError;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.SeriesDay;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.Tags;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forecasts each series (keyed by dataset and rule) as days close, with the models in broadcast
 * state: a thin shell around {@link SeriesForecaster}, which holds the logic. This class keeps the
 * state, the timers and the outputs:
 *
 * <ul>
 *   <li>keyed state: the series' {@link SeriesProgress} (closed days, what was forecast, forecasts
 *       waiting for their actual) and its {@link OpenDays} (counts of days not closed yet);
 *   <li>timers: one pending day-close timer per series in event time; a late day (the watermark
 *       already passed it, e.g. a dormant series waking up) closes on a processing-time timer a
 *       moment later, so records of the same moment close together and an idle source cannot hold
 *       it open;
 *   <li>outputs: the served forecast of each series and then its realization (main output, in that
 *       order per series-day), the same for the other served models (shadow), the features of the
 *       champion's forecasts (for the drift stage) and the closed days (for the retrainer), the
 *       last three on their {@link Tags tags}.
 * </ul>
 *
 * <p>A restart is normal: what a day close depends on is in state (the last closed day per series,
 * never the watermark, which a restored task first sees as the minimum); a closed day is never
 * closed again, a day never forecast twice. The models are data ({@link ServingModels}); each task
 * derives native scorers from them ({@link ModelCache}).
 */
public final class ForecastFunction
        extends KeyedBroadcastProcessFunction<String, DailyCounts, ModelCommand, PredictionRow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ForecastFunction.class);

    /** How long a late day waits for records of the same moment before it closes. */
    static final long LATE_CLOSE_DELAY_MILLIS = 1_000;

    static final ValueStateDescriptor<SeriesProgress> PROGRESS =
            new ValueStateDescriptor<>("series-progress", TypeInformation.of(SeriesProgress.class));
    static final MapStateDescriptor<Integer, Long> OPEN =
            new MapStateDescriptor<>("open-days", Types.INT, Types.LONG);
    static final ValueStateDescriptor<Long> NEXT_CLOSE =
            new ValueStateDescriptor<>("next-day-close", Types.LONG);

    private final ServingModels serving;
    private final ForecastSettings settings;

    private transient ValueState<SeriesProgress> progress;
    private transient MapState<Integer, Long> open;
    private transient ValueState<Long> nextClose;
    private transient LegacyForecastState legacy;
    private transient ModelCache cache;
    private transient ModelRoster cachedRoster;
    private transient List<SeriesForecaster.Model> cachedModels;
    private transient ForecastMetrics metrics;

    public ForecastFunction(ServingModels serving, ForecastSettings settings) {
        this.serving = serving;
        this.settings = settings;
    }

    public ForecastFunction(ServingModels serving) {
        this(serving, ForecastSettings.DEFAULTS);
    }

    /** The model broadcast state this function needs, for {@code DataStream.broadcast}. */
    public MapStateDescriptor<?, ?>[] broadcastDescriptors() {
        return serving.descriptors();
    }

    @Override
    public void open(OpenContext openContext) {
        progress = getRuntimeContext().getState(PROGRESS);
        open = getRuntimeContext().getMapState(OPEN);
        nextClose = getRuntimeContext().getState(NEXT_CLOSE);
        legacy = new LegacyForecastState(getRuntimeContext());
        cache = new ModelCache();
        metrics = new ForecastMetrics(getRuntimeContext());
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }

    @Override
    public void processBroadcastElement(
            ModelCommand command, Context ctx, Collector<PredictionRow> out) throws Exception {
        // Every parallel instance applies the same command to the same roster.
        StringBuilder why = new StringBuilder();
        ModelRoster next =
                serving.apply(
                        ctx.getBroadcastState(serving.rosterDescriptor()),
                        ctx.getBroadcastState(serving.legacyDescriptor()),
                        command,
                        why);
        if (why.length() > 0) {
            LOG.info(
                    "Model command {} {} from {} changes nothing: {}",
                    command.action(),
                    command.version(),
                    command.origin(),
                    why);
            return;
        }
        metrics.swaps.inc();
        LOG.info("Serving {} after {} {}", next, command.action(), command.version());
        models(next);
    }

    @Override
    public void processElement(DailyCounts c, ReadOnlyContext ctx, Collector<PredictionRow> out)
            throws Exception {
        if (c.executions() == 0) {
            return;
        }
        SeriesProgress p = progress(ctx.getCurrentKey());
        if (p == null) {
            p = SeriesProgress.of(c.datasetUuid(), c.ruleCode());
        }
        if (p.hasClosed() && c.businessDay() <= p.lastClosedDay) {
            forecaster(ctx, out).late(p, c.businessDay(), c.executions(), c.passes());
            progress.update(p);
            return;
        }
        open.put(
                c.businessDay(),
                OpenDays.add(open.get(c.businessDay()), c.executions(), c.passes()));
        progress.update(p);
        long watermark = ctx.timerService().currentWatermark();
        long endOfDay = DayCloses.endOfDay(c.businessDay());
        if (watermark != Long.MIN_VALUE && endOfDay <= watermark) {
            // Closed for the job, open for this series (it was dormant): close it in a moment.
            long now = ctx.timerService().currentProcessingTime();
            ctx.timerService().registerProcessingTimeTimer(soon(now));
        } else {
            DayCloses.schedule(nextClose, ctx.timerService(), endOfDay);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PredictionRow> out)
            throws Exception {
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            Long pending = nextClose.value();
            if (pending != null && pending == timestamp) {
                nextClose.clear();
            }
        }
        long watermark = ctx.timerService().currentWatermark();
        SeriesProgress p = progress(ctx.getCurrentKey());
        if (p == null) {
            return;
        }
        if (watermark == Long.MIN_VALUE) {
            // A restored task before its first watermark: nothing is known to have closed yet.
            ctx.timerService()
                    .registerProcessingTimeTimer(soon(ctx.timerService().currentProcessingTime()));
            return;
        }
        TreeMap<Integer, Long> days = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : open.entries()) {
            days.put(e.getKey(), e.getValue());
        }
        int lastObserved =
                Math.max(p.closed.newestDay(), days.isEmpty() ? Integer.MIN_VALUE : days.lastKey());
        if (lastObserved == Integer.MIN_VALUE) {
            return;
        }
        // At the end of input close the series' own days only, so its last forecast is for the
        // day after its last observation. Otherwise stop where a dormant series stops being
        // forecast: the loop stays short whatever the watermark jumped to.
        int closeUpTo =
                watermark == DayCloses.END_OF_INPUT
                        ? lastObserved
                        : Math.min(
                                DayCloses.dayOf(watermark),
                                SeriesForecaster.dormantAfter(lastObserved));
        if (!p.hasClosed() || closeUpTo > p.lastClosedDay) {
            int before = days.size();
            forecaster(ctx, out).close(p, days, closeUpTo);
            if (days.size() != before) {
                Iterator<Integer> it = open.keys().iterator();
                while (it.hasNext()) {
                    if (it.next() <= p.lastClosedDay) {
                        it.remove();
                    }
                }
            }
            progress.update(p);
        }
        if (watermark != DayCloses.END_OF_INPUT && p.hasClosed()) {
            int next = p.lastClosedDay + 1;
            if (!days.isEmpty()
                    || p.closed.observedWithin(next - SeriesForecaster.RECENT_DAYS, next - 1)) {
                DayCloses.schedule(nextClose, ctx.timerService(), DayCloses.endOfDay(next));
            }
        }
    }

    private static long soon(long now) {
        // Rounded, so that the records of one moment share one timer (same key, same time).
        return (now / LATE_CLOSE_DELAY_MILLIS + 2) * LATE_CLOSE_DELAY_MILLIS;
    }

    /** The series' progress, carried over from the state of versions before 0.2 on first use. */
    private SeriesProgress progress(String key) throws Exception {
        SeriesProgress p = progress.value();
        if (p == null) {
            p = legacy.migrate(key, open);
            if (p != null) {
                progress.update(p);
            }
        }
        return p;
    }

    private SeriesForecaster forecaster(ReadOnlyContext ctx, Collector<PredictionRow> collector)
            throws Exception {
        List<SeriesForecaster.Model> models =
                models(
                        serving.current(
                                ctx.getBroadcastState(serving.rosterDescriptor()),
                                ctx.getBroadcastState(serving.legacyDescriptor())));
        long watermark = ctx.timerService().currentWatermark();
        int closedForJob =
                watermark == Long.MIN_VALUE || watermark == DayCloses.END_OF_INPUT
                        ? Integer.MIN_VALUE
                        : DayCloses.dayOf(watermark);
        return new SeriesForecaster(
                models,
                ctx.getCurrentKey(),
                closedForJob,
                settings,
                new SeriesForecaster.Out() {
                    @Override
                    public void forecast(
                            Forecast f, boolean primary, double[] features, long nanos) {
                        metrics.latency.update(nanos / 1_000);
                        if (primary) {
                            collector.collect(PredictionRow.made(f));
                            metrics.forecast(f.modelVersion());
                            if (f.late()) {
                                metrics.lateForecasts.inc();
                            }
                        } else {
                            ctx.output(Tags.SHADOW_PREDICTIONS, PredictionRow.made(f));
                            metrics.shadowForecasts.inc();
                        }
                        if (f.modelRole() == ModelRole.CHAMPION) {
                            ctx.output(
                                    Tags.FORECAST_FEATURES,
                                    new ForecastFeatures(
                                            f.datasetUuid(),
                                            f.ruleCode(),
                                            f.day(),
                                            features,
                                            f.modelVersion()));
                        }
                    }

                    @Override
                    public void realized(PredictionRow row, boolean primary) {
                        if (primary) {
                            collector.collect(row);
                            metrics.realized(row.absError());
                        } else {
                            ctx.output(Tags.SHADOW_PREDICTIONS, row);
                        }
                    }

                    @Override
                    public void closedDay(SeriesDay d) {
                        ctx.output(Tags.CLOSED_DAYS, d);
                    }

                    @Override
                    public void paired(PairedError e) {
                        ctx.output(Tags.PAIRED_ERRORS, e);
                    }

                    @Override
                    public void anomaly(Anomaly a) {
                        ctx.output(Tags.ANOMALIES, a);
                        metrics.anomalies.inc();
                    }
                });
    }

    /** The roster's models that load, the champion first; native scorers follow the roster. */
    private List<SeriesForecaster.Model> models(ModelRoster roster) {
        if (roster == cachedRoster) {
            return cachedModels;
        }
        cache.sync(
                roster,
                problem -> {
                    metrics.rejections.inc();
                    LOG.warn("Rejected model {}", problem);
                });
        List<SeriesForecaster.Model> models = new ArrayList<>();
        for (ServedModel m : roster.models()) {
            Scorer s = cache.scorer(m.version());
            if (s != null) {
                models.add(new SeriesForecaster.Model(m, s));
            }
        }
        cachedRoster = roster;
        cachedModels = models;
        metrics.serving(roster, cache);
        return models;
    }

    /** Parses a model document's training time, for the metric; 0 when it has none. */
    static long trainedAtSeconds(Scorer s) {
        try {
            return java.time.Instant.parse(s.model().createdAt()).getEpochSecond();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
