package com.dataquality.dqs.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The states of one series before many days ({@code batch-predict}): each is exactly {@link
 * DailySeries#stateBefore}, built once and moved forward day by day while the requested days
 * increase. A request for an earlier day restarts from the latest saved copy before it: a copy is
 * kept every {@code spacing} days of history (at most about 32 copies per series), so a step back
 * costs one copy and at most {@code spacing} days added, not the whole history.
 *
 * <p>The returned state is this cursor's own: read it before the next call, never change it. Not
 * thread-safe.
 */
public final class SeriesCursor {
    private static final int MIN_SPACING = 32;

    private final DailySeries series;
    private final int spacing;
    private final List<SeriesState> saved = new ArrayList<>(); // saved.get(k): days [0, k·spacing)
    private SeriesState state;
    private int next; // days [0, next) are in state

    public SeriesCursor(DailySeries series) {
        this.series = series;
        this.spacing = Math.max(MIN_SPACING, (series.size() + 31) / 32);
    }

    /**
     * The state a forecast of {@code targetDay} sees (identical to {@link
     * DailySeries#stateBefore}).
     */
    public SeriesState stateBefore(int targetDay) {
        int to = series.indexAtOrAfter(targetDay);
        if (state == null || to < next) {
            int k = Math.min(to / spacing, saved.size() - 1);
            if (k < 0) {
                state = SeriesState.of(series.datasetUuid(), series.ruleCode());
                next = 0;
            } else {
                state = saved.get(k).copy();
                next = k * spacing;
            }
        }
        while (next < to) {
            if (next % spacing == 0 && next / spacing == saved.size()) {
                saved.add(state.copy());
            }
            state.add(series.days()[next], series.executions()[next], series.passes()[next]);
            next++;
        }
        return state;
    }
}
