package com.dataquality.dqs.scoring;

import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelComparison;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.PairedError;
import com.dataquality.dqs.stats.PairedComparison;
import com.dataquality.dqs.stream.DayCloses;
import com.dataquality.dqs.stream.MetricNames;
import com.dataquality.dqs.stream.Tags;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares every challenger with the champion on live data, day by day, at parallelism 1 under one
 * constant key: the forecast operator pairs their errors on each realized series-day; here the
 * pairs of a day are averaged when the day closes, and the daily differences feed a {@link
 * PairedComparison} per challenger (absolute and squared errors). After each closed day a {@link
 * ModelComparison} says where each challenger stands; with {@code --auto-promote}, a challenger
 * that wins beyond doubt (always-valid at alpha, after the minimum days) is promoted: a {@link
 * ModelCommand} on {@link Tags#PROMOTIONS}, which reaches the job's models the way a person's
 * promotion does (the models directory or topic), so every operator applies it in order.
 *
 * <p>A new champion starts every comparison afresh: the old figures were against another model.
 */
public final class ChallengerComparisonFunction
        extends KeyedProcessFunction<Integer, PairedError, ModelComparison> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChallengerComparisonFunction.class);

    static final MapStateDescriptor<String, ChallengerRecord> CHALLENGERS =
            new MapStateDescriptor<>(
                    "challengers", Types.STRING, TypeInformation.of(ChallengerRecord.class));
    static final MapStateDescriptor<String, DaySums> OPEN_DAYS =
            new MapStateDescriptor<>(
                    "comparison-open-days", Types.STRING, TypeInformation.of(DaySums.class));

    private final PromotionSettings settings;

    private transient MapState<String, ChallengerRecord> challengers;
    private transient MapState<String, DaySums> openDays;
    private transient MetricGroup metrics;
    private transient Set<String> gauged;
    private transient Map<String, ModelComparison> latest;

    public ChallengerComparisonFunction(PromotionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        challengers = getRuntimeContext().getMapState(CHALLENGERS);
        openDays = getRuntimeContext().getMapState(OPEN_DAYS);
        metrics = getRuntimeContext().getMetricGroup().addGroup(MetricNames.GROUP);
        gauged = new HashSet<>();
        latest = new java.util.concurrent.ConcurrentHashMap<>();
    }

    @Override
    public void processElement(PairedError e, Context ctx, Collector<ModelComparison> out)
            throws Exception {
        ChallengerRecord r = challengers.get(e.challenger());
        if (r == null || !r.champion.equals(e.champion())) {
            r = ChallengerRecord.against(e.champion());
            challengers.put(e.challenger(), r);
        }
        if (e.day() <= r.lastDay) {
            return; // its day was counted already (a late realization)
        }
        String key = e.challenger() + '\u001f' + e.champion() + '\u001f' + e.day();
        DaySums d = openDays.get(key);
        if (d == null) {
            d = new DaySums();
            d.challenger = e.challenger();
            d.champion = e.champion();
            d.day = e.day();
        }
        d.absDiff += e.challengerAbsError() - e.championAbsError();
        d.squaredDiff += e.challengerSquaredError() - e.championSquaredError();
        d.championAbs += e.championAbsError();
        d.championSquared += e.championSquaredError();
        d.pairs++;
        openDays.put(key, d);
        ctx.timerService().registerEventTimeTimer(DayCloses.endOfDay(e.day()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ModelComparison> out)
            throws Exception {
        int closed = DayCloses.dayOf(timestamp);
        List<DaySums> ready = new ArrayList<>();
        for (Map.Entry<String, DaySums> e : openDays.entries()) {
            if (e.getValue().day <= closed) {
                ready.add(e.getValue());
            }
        }
        ready.sort(java.util.Comparator.comparingInt((DaySums d) -> d.day));
        for (DaySums d : ready) {
            openDays.remove(d.challenger + '\u001f' + d.champion + '\u001f' + d.day);
            ChallengerRecord r = challengers.get(d.challenger);
            if (r == null || !r.champion.equals(d.champion) || d.day <= r.lastDay) {
                continue;
            }
            r.addDay(d);
            ModelComparison c = compare(d.challenger, r, d.day);
            if ("challenger-better".equals(c.verdict())
                    && settings.autoPromote()
                    && !r.promotionAsked) {
                r.promotionAsked = true;
                c = withVerdict(c, "promoted");
                ctx.output(
                        Tags.PROMOTIONS,
                        new ModelCommand(
                                ModelCommand.Action.PROMOTE,
                                d.challenger,
                                "auto-promote " + c.businessDate(),
                                ModelRole.CHALLENGER,
                                0,
                                null));
                LOG.info(
                        "Promoting {} over {} on {}: mean {} error difference {} over {} days,"
                                + " evidence {}",
                        d.challenger,
                        r.champion,
                        c.businessDate(),
                        c.loss(),
                        settings.squared() ? c.meanSquaredDiff() : c.meanAbsDiff(),
                        c.days(),
                        c.evidence());
            }
            challengers.put(d.challenger, r);
            out.collect(c);
            gauge(d.challenger, c);
        }
    }

    /** Where the challenger stands after its latest day. */
    ModelComparison compare(String challenger, ChallengerRecord r, int day) {
        PairedComparison decisive = settings.squared() ? r.squared : r.abs;
        double championLoss = settings.squared() ? r.championSquaredMean : r.championAbsMean;
        double[] ci = decisive.confidenceInterval(0.95);
        String verdict =
                settings.challengerWins(decisive, championLoss)
                        ? "challenger-better"
                        : settings.championWins(decisive) ? "champion-better" : "continue";
        return new ModelComparison(
                LocalDate.ofEpochDay(day).toString(),
                challenger,
                r.champion,
                settings.loss(),
                decisive.days,
                r.abs.mean,
                r.squared.mean,
                ci[0],
                ci[1],
                decisive.tStatistic(),
                decisive.pValue(),
                decisive.effectSize(),
                decisive.evidence(),
                verdict);
    }

    private static ModelComparison withVerdict(ModelComparison c, String verdict) {
        return new ModelComparison(
                c.businessDate(),
                c.challenger(),
                c.champion(),
                c.loss(),
                c.days(),
                c.meanAbsDiff(),
                c.meanSquaredDiff(),
                c.ciLow(),
                c.ciHigh(),
                c.tStatistic(),
                c.pValue(),
                c.effectSize(),
                c.evidence(),
                verdict);
    }

    /** Per-challenger gauges, under a {@code challenger} label. */
    private void gauge(String challenger, ModelComparison c) {
        latest.put(challenger, c);
        if (gauged.add(challenger)) {
            MetricGroup g = metrics.addGroup("challenger", challenger);
            g.gauge(MetricNames.COMPARISON_DAYS, () -> latest.get(challenger).days());
            g.gauge(MetricNames.COMPARISON_MEAN_DIFF, () -> decisiveMean(latest.get(challenger)));
            g.gauge(MetricNames.COMPARISON_EVIDENCE, () -> latest.get(challenger).evidence());
        }
    }

    private double decisiveMean(ModelComparison c) {
        return settings.squared() ? c.meanSquaredDiff() : c.meanAbsDiff();
    }
}
