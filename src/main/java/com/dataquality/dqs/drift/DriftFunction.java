package com.dataquality.dqs.drift;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.scoring.ActiveModel;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift side pipeline's one stateful operator, keyed by a constant (parallelism 1: it judges
 * whole days, and a day holds one element per series).
 *
 * <p>It buffers forecast features and realized forecasts until their day closes: the features of
 * forecasts for D+1 are complete when the watermark passes the end of D (they are all made as D
 * closes), the realized errors of D likewise. Then, day by day in order, it compares the day's
 * feature distributions with the serving model's reference ({@link FeatureDrift}), feeds the day's
 * mean realized error to a Page-Hinkley test against the model's holdout error ({@link
 * ErrorDrift}), emits a {@link DriftEvent} for each drift, and a {@link RetrainTrigger} (side
 * output {@link #TRIGGERS}) when the {@link TriggerPolicy} says drift persisted.
 *
 * <p>Only elements of the serving model's version count; a new model resets the error test and the
 * trigger's evidence (they were about the old one). The model reference sits in broadcast state
 * (bytes, as the forecast function keeps it); the parsed reference is a transient cache of it.
 */
public final class DriftFunction
        extends KeyedBroadcastProcessFunction<Integer, DriftInput, ModelUpdate, DriftEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DriftFunction.class);

    public static final int KEY = 0;
    private static final String ACTIVE = "active";

    public static final String METRIC_FEATURE_SHARE = "drift_feature_share";
    public static final String METRIC_PAGE_HINKLEY = "drift_page_hinkley";
    public static final String METRIC_DAILY_MAE = "drift_daily_mae";
    public static final String METRIC_EVENTS = "drift_events";
    public static final String METRIC_TRIGGERS = "retrain_triggers";

    public static final OutputTag<RetrainTrigger> TRIGGERS =
            new OutputTag<>("retrain-triggers", TypeInformation.of(RetrainTrigger.class));

    /** The model the detector compares with; its own descriptor, same model stream. */
    public static final MapStateDescriptor<String, ActiveModel> MODEL_STATE =
            new MapStateDescriptor<>(
                    "drift-model", Types.STRING, TypeInformation.of(ActiveModel.class));

    static final ListStateDescriptor<DriftInput> PENDING =
            new ListStateDescriptor<>("drift-pending", TypeInformation.of(DriftInput.class));
    static final ValueStateDescriptor<DriftDetector.State> STATE =
            new ValueStateDescriptor<>(
                    "drift-detector", TypeInformation.of(DriftDetector.State.class));

    private final DriftSettings settings;

    private transient ListState<DriftInput> pending;
    private transient ValueState<DriftDetector.State> state;
    private transient ForecastModel reference;
    private transient Counter events;
    private transient Counter triggers;
    private transient double lastShare = Double.NaN;
    private transient double lastStatistic = Double.NaN;
    private transient double lastMae = Double.NaN;

    public DriftFunction(DriftSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getListState(PENDING);
        state = getRuntimeContext().getState(STATE);
        lastShare = Double.NaN;
        lastStatistic = Double.NaN;
        lastMae = Double.NaN;
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        events = group.counter(METRIC_EVENTS);
        triggers = group.counter(METRIC_TRIGGERS);
        group.gauge(METRIC_FEATURE_SHARE, () -> lastShare);
        group.gauge(METRIC_PAGE_HINKLEY, () -> lastStatistic);
        group.gauge(METRIC_DAILY_MAE, () -> lastMae);
    }

    @Override
    public void processBroadcastElement(ModelUpdate update, Context ctx, Collector<DriftEvent> out)
            throws Exception {
        ForecastModel m;
        try {
            m = ModelFile.parse(update.modelJson(), update.origin());
        } catch (InputException | IllegalStateException e) {
            // The forecast function rejects it too (same validation) and keeps its model.
            LOG.warn(
                    "Drift detector ignores model update from {}: {}",
                    update.origin(),
                    e.getMessage());
            return;
        }
        ctx.getBroadcastState(MODEL_STATE)
                .put(ACTIVE, new ActiveModel(m.version(), update.origin(), update.modelJson()));
        reference = m;
    }

    @Override
    public void processElement(DriftInput in, ReadOnlyContext ctx, Collector<DriftEvent> out)
            throws Exception {
        pending.add(in);
        ctx.timerService().registerEventTimeTimer(DayCloses.endOfDay(in.closingDay()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DriftEvent> out)
            throws Exception {
        int closed = DayCloses.dayOf(timestamp);
        TreeMap<Integer, List<DriftInput>> ready = new TreeMap<>();
        List<DriftInput> rest = new ArrayList<>();
        for (DriftInput in : pending.get()) {
            if (in.closingDay() <= closed) {
                ready.computeIfAbsent(in.closingDay(), d -> new ArrayList<>()).add(in);
            } else {
                rest.add(in);
            }
        }
        pending.update(rest);
        ForecastModel model = model(ctx.getBroadcastState(MODEL_STATE).get(ACTIVE));
        if (model == null) {
            return;
        }
        for (Map.Entry<Integer, List<DriftInput>> day : ready.entrySet()) {
            judgeDay(day.getKey(), day.getValue(), model, ctx, out);
        }
    }

    private void judgeDay(
            int day,
            List<DriftInput> inputs,
            ForecastModel model,
            OnTimerContext ctx,
            Collector<DriftEvent> out)
            throws Exception {
        List<double[]> rows = new ArrayList<>();
        double errorSum = 0;
        int errors = 0;
        for (DriftInput in : inputs) {
            if (!model.version().equals(in.modelVersion())) {
                continue; // made by another model: not comparable with this reference
            }
            if (in.features() != null) {
                rows.add(in.features().features());
            } else {
                errorSum += in.realized().absError();
                errors++;
            }
        }
        DriftDetector.State before =
                state.value() == null ? DriftDetector.State.START : state.value();
        DriftDetector.Day verdict =
                DriftDetector.judgeDay(before, day, model, rows, errorSum, errors, settings);
        state.update(verdict.state());
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
            ctx.output(TRIGGERS, verdict.trigger());
            triggers.inc();
            LOG.info(
                    "Retrain trigger on {} for model {}",
                    verdict.trigger().businessDate(),
                    model.version());
        }
    }

    /**
     * The parsed reference of the model in broadcast state (cached; parsed again after restore).
     */
    private ForecastModel model(ActiveModel active) {
        if (active == null) {
            return null;
        }
        if (reference == null || !reference.version().equals(active.version())) {
            reference = ModelFile.parse(active.modelJson(), active.origin());
        }
        return reference;
    }
}
