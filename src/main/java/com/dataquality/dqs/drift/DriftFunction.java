package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ReferenceDocument;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.scoring.ModelRoster;
import com.dataquality.dqs.scoring.ServedModel;
import com.dataquality.dqs.scoring.ServingModels;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.MetricNames;
import com.dataquality.dqs.stream.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift side pipeline's one stateful operator, keyed by a constant (parallelism 1: it judges
 * whole days, and a day holds one element per series); a thin shell around {@link DriftDetector}.
 *
 * <p>It gathers the champion's forecast features and realized errors per day ({@link DayEvidence})
 * until the day closes: the features of forecasts for D+1 are complete when the watermark passes
 * the end of D (they are all made as D closes), the realized errors of D likewise. Then, day by day
 * in order, the detector ({@link DriftDetector#judge}) compares the day with the champion's
 * reference and emits {@link DriftEvent}s, one when a drift episode opens and one when it closes,
 * and a {@link RetrainTrigger} (side output {@link Tags#RETRAIN_TRIGGERS}) when drift persisted. A
 * day is judged once; evidence arriving after (a late forecast) is not judged. The open episodes
 * are keyed state ({@link #EPISODES}), so an episode open at a savepoint stays open after a restore
 * (no second opening event).
 *
 * <p>Only the champion's evidence counts; a new champion closes the old one's episodes and resets
 * the error test and the trigger's evidence (they were about the old one). The roster sits in
 * broadcast state ({@link ServingModels}) without the models' trees: the detector needs only the
 * reference part.
 */
public final class DriftFunction
        extends KeyedBroadcastProcessFunction<Integer, DriftSample, ModelCommand, DriftEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DriftFunction.class);

    static final MapStateDescriptor<Integer, DayEvidence> DAYS =
            new MapStateDescriptor<>(
                    "drift-days", Types.INT, TypeInformation.of(DayEvidence.class));
    static final ValueStateDescriptor<Integer> LAST_JUDGED =
            new ValueStateDescriptor<>("drift-last-judged", Types.INT);
    static final ValueStateDescriptor<DriftDetector.State> STATE =
            new ValueStateDescriptor<>(
                    "drift-detector", TypeInformation.of(DriftDetector.State.class));

    /**
     * The open drift episodes, next to {@link #STATE} (whose layout older savepoints fix). Empty
     * after restoring a savepoint of a version that judged day by day: no episode is open then.
     */
    static final ValueStateDescriptor<DriftEpisodes> EPISODES =
            new ValueStateDescriptor<>("drift-episodes", TypeInformation.of(DriftEpisodes.class));

    /** What versions before 0.2 gathered, drained into {@link #DAYS} when first touched. */
    static final ListStateDescriptor<DriftInput> LEGACY_PENDING =
            new ListStateDescriptor<>("drift-pending", TypeInformation.of(DriftInput.class));

    private final DriftSettings settings;
    private final ServingModels serving;

    private transient MapState<Integer, DayEvidence> days;
    private transient ValueState<Integer> lastJudged;
    private transient ValueState<DriftDetector.State> state;
    private transient ValueState<DriftEpisodes> episodes;
    private transient ListState<DriftInput> legacyPending;
    private transient ServedModel cachedChampion;
    private transient ForecastModel reference;
    private transient Counter events;
    private transient Counter triggers;
    private transient double lastShare = Double.NaN;
    private transient double lastStatistic = Double.NaN;
    private transient double lastMae = Double.NaN;

    public DriftFunction(DriftSettings settings, ServingModels serving) {
        this.settings = settings;
        this.serving = serving;
    }

    /** The model broadcast state this function needs, for {@code DataStream.broadcast}. */
    public MapStateDescriptor<?, ?>[] broadcastDescriptors() {
        return serving.descriptors();
    }

    @Override
    public void open(OpenContext openContext) {
        days = getRuntimeContext().getMapState(DAYS);
        lastJudged = getRuntimeContext().getState(LAST_JUDGED);
        state = getRuntimeContext().getState(STATE);
        episodes = getRuntimeContext().getState(EPISODES);
        legacyPending = getRuntimeContext().getListState(LEGACY_PENDING);
        lastShare = Double.NaN;
        lastStatistic = Double.NaN;
        lastMae = Double.NaN;
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        events = group.counter(MetricNames.DRIFT_EVENTS);
        triggers = group.counter(MetricNames.RETRAIN_TRIGGERS);
        group.gauge(MetricNames.DRIFT_FEATURE_SHARE, () -> lastShare);
        group.gauge(MetricNames.DRIFT_PAGE_HINKLEY, () -> lastStatistic);
        group.gauge(MetricNames.DRIFT_DAILY_MAE, () -> lastMae);
    }

    @Override
    public void processBroadcastElement(
            ModelCommand command, Context ctx, Collector<DriftEvent> out) throws Exception {
        serving.apply(
                ctx.getBroadcastState(serving.rosterDescriptor()),
                ctx.getBroadcastState(serving.legacyDescriptor()),
                command,
                new StringBuilder());
    }

    @Override
    public void processElement(DriftSample in, ReadOnlyContext ctx, Collector<DriftEvent> out)
            throws Exception {
        drainLegacy(ctx);
        Integer judged = lastJudged.value();
        int day = in.closingDay();
        if (judged != null && day <= judged) {
            return; // its day was judged already (a late forecast)
        }
        DayEvidence e = days.get(day);
        if (e == null || !e.modelVersion.equals(in.modelVersion())) {
            if (e != null && !championVersion(ctx).equals(in.modelVersion())) {
                return; // another model's evidence: not comparable with the champion's reference
            }
            e = DayEvidence.of(in.modelVersion());
        }
        if (in.features() != null) {
            e.addFeatures(in.features().features());
        } else {
            PredictionRow r = in.realized();
            e.addRealized(r.forecast().predictedPassPercentage(), r.executions(), r.passes());
        }
        days.put(day, e);
        ctx.timerService().registerEventTimeTimer(DayCloses.endOfDay(day));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DriftEvent> out)
            throws Exception {
        drainLegacy(ctx);
        int closed = DayCloses.dayOf(timestamp);
        TreeMap<Integer, DayEvidence> ready = new TreeMap<>();
        for (Map.Entry<Integer, DayEvidence> e : days.entries()) {
            if (e.getKey() <= closed) {
                ready.put(e.getKey(), e.getValue());
            }
        }
        ForecastModel model = champion(ctx);
        for (Map.Entry<Integer, DayEvidence> day : ready.entrySet()) {
            days.remove(day.getKey());
            lastJudged.update(day.getKey());
            if (model != null && model.version().equals(day.getValue().modelVersion)) {
                judgeClosedDay(day.getKey(), day.getValue(), model, ctx, out);
            }
        }
    }

    private void judgeClosedDay(
            int day,
            DayEvidence evidence,
            ForecastModel model,
            OnTimerContext ctx,
            Collector<DriftEvent> out)
            throws Exception {
        DriftEpisodes open = episodes.value();
        DriftDetector.Day verdict =
                DriftDetector.judge(
                        restored(state.value(), open),
                        open,
                        day,
                        model,
                        evidence.featureRows(),
                        evidence.errorEvidence(model),
                        settings);
        state.update(verdict.state());
        episodes.update(verdict.episodes());
        if (!Double.isNaN(verdict.featureShare())) {
            lastShare = verdict.featureShare();
        }
        if (!Double.isNaN(verdict.errorStatistic())) {
            lastStatistic = verdict.errorStatistic();
        }
        if (!Double.isNaN(verdict.dailyMae())) {
            lastMae = verdict.dailyMae();
        }
        for (DriftEvent e : verdict.events()) {
            out.collect(e);
            events.inc();
            LOG.info(
                    "Drift on {}: {} {} = {}",
                    e.businessDate(),
                    e.kind(),
                    e.statistic(),
                    e.value());
        }
        if (verdict.trigger() != null) {
            ctx.output(Tags.RETRAIN_TRIGGERS, verdict.trigger());
            triggers.inc();
            LOG.info(
                    "Retrain trigger on {} for model {}",
                    verdict.trigger().businessDate(),
                    model.version());
        }
    }

    /**
     * The detector state to judge with. A state without episodes next to it was kept by a version
     * that judged day by day: its error test summed standardized mean errors, not PIT statistics,
     * so the test starts afresh (the trigger's evidence and cool-down stay).
     */
    static DriftDetector.State restored(DriftDetector.State kept, DriftEpisodes episodes) {
        if (kept == null) {
            return DriftDetector.State.START;
        }
        if (episodes == null) {
            return new DriftDetector.State(
                    kept.modelVersion(), kept.firstDay(), PageHinkley.START, kept.trigger());
        }
        return kept;
    }

    private String championVersion(ReadOnlyContext ctx) throws Exception {
        ForecastModel m = champion(ctx);
        return m == null ? "" : m.version();
    }

    /** The champion's reference (parsed once per version, again after a restore). */
    private ForecastModel champion(ReadOnlyContext ctx) throws Exception {
        ModelRoster roster =
                serving.current(
                        ctx.getBroadcastState(serving.rosterDescriptor()),
                        ctx.getBroadcastState(serving.legacyDescriptor()));
        ServedModel champion = roster.champion();
        if (champion == null) {
            return null;
        }
        if (champion != cachedChampion) {
            if (reference == null || !reference.version().equals(champion.version())) {
                reference = ReferenceDocument.parse(champion.modelJson(), champion.origin());
            }
            cachedChampion = champion;
        }
        return reference;
    }

    /** Moves evidence gathered by versions before 0.2 into the per-day map, once. */
    private void drainLegacy(ReadOnlyContext ctx) throws Exception {
        List<DriftInput> old = new ArrayList<>();
        for (DriftInput in : legacyPending.get()) {
            old.add(in);
        }
        if (old.isEmpty()) {
            return;
        }
        legacyPending.clear();
        for (DriftInput in : old) {
            int day = in.closingDay();
            DayEvidence e = days.get(day);
            if (e == null) {
                e = DayEvidence.of(in.modelVersion());
            }
            if (!e.modelVersion.equals(in.modelVersion())) {
                continue;
            }
            if (in.features() != null) {
                e.addFeatures(in.features().features());
            } else if (in.realized().absError() != null) {
                e.addError(in.realized().absError());
            }
            days.put(day, e);
            ctx.timerService().registerEventTimeTimer(DayCloses.endOfDay(day));
        }
    }
}
