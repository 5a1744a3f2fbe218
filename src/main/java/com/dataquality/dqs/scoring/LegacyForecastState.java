package com.dataquality.dqs.scoring;

import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.Prediction;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The forecast operator's keyed state as versions before 0.2 kept it (every observed day in one
 * map, the last closed day, one pending forecast), turned into a {@link SeriesProgress} the first
 * time a restored series is touched, then cleared. Savepoints of those versions restore into this
 * one (tested with a checked-in savepoint).
 */
final class LegacyForecastState {
    private final MapState<Integer, Long> observed;
    private final ValueState<Integer> closedThrough;
    private final ValueState<Prediction> pending;

    LegacyForecastState(RuntimeContext ctx) {
        observed =
                ctx.getMapState(new MapStateDescriptor<>("observed-days", Types.INT, Types.LONG));
        closedThrough = ctx.getState(new ValueStateDescriptor<>("closed-through", Types.INT));
        pending =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "pending-forecast", TypeInformation.of(Prediction.class)));
    }

    /**
     * The series' progress from the old state, moving the days not closed yet into {@code open};
     * null when the series has no old state.
     *
     * @param key the series key (the old state has no other record of the dataset and rule)
     */
    SeriesProgress migrate(String key, MapState<Integer, Long> open) throws Exception {
        Integer closed = closedThrough.value();
        if (closed == null) {
            return null;
        }
        SeriesProgress p = SeriesProgress.of(Keys.seriesDatasetUuid(key), Keys.seriesRuleCode(key));
        TreeMap<Integer, Long> days = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : observed.entries()) {
            days.put(e.getKey(), e.getValue());
        }
        for (Map.Entry<Integer, Long> e : days.entrySet()) {
            if (e.getKey() <= closed) {
                p.closed.add(
                        e.getKey(),
                        OpenDays.executions(e.getValue()),
                        OpenDays.passes(e.getValue()));
            } else {
                open.put(e.getKey(), e.getValue());
            }
        }
        p.lastClosedDay = closed;
        Prediction old = pending.value();
        if (old != null) {
            int day = (int) LocalDate.parse(old.businessDate()).toEpochDay();
            p.pending =
                    new Forecast[] {
                        new Forecast(
                                old.datasetUuid(),
                                old.ruleCode(),
                                day,
                                old.predictedPassPercentage(),
                                null,
                                null,
                                null,
                                null,
                                old.modelVersion(),
                                ModelRole.CHAMPION,
                                false)
                    };
            p.pendingPrimary = new boolean[] {true};
            p.forecastDays = new int[] {day};
        }
        observed.clear();
        closedThrough.clear();
        pending.clear();
        return p;
    }
}
