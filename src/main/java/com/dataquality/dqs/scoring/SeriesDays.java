package com.dataquality.dqs.scoring;

import com.dataquality.dqs.features.SeriesHistory;
import java.util.Map;
import java.util.TreeMap;

/**
 * A series' observed days as the forecast function keeps them in keyed map state (day → executions
 * and passes packed in one long), turned into the {@link SeriesHistory} that the feature extractor
 * reads. Keeping days in a map rather than a {@code SeriesHistory} lets records run ahead of the
 * watermark (a bounded run reads far ahead) without pushing out days that a forecast of an earlier
 * day still needs.
 */
public final class SeriesDays {
    private SeriesDays() {}

    public static long pack(int executions, int passes) {
        return ((long) executions << 32) | (passes & 0xffffffffL);
    }

    public static int executions(long packed) {
        return (int) (packed >>> 32);
    }

    public static int passes(long packed) {
        return (int) packed;
    }

    public static long add(Long packed, int executions, int passes) {
        return packed == null
                ? pack(executions, passes)
                : pack(executions(packed) + executions, passes(packed) + passes);
    }

    /** Every day of the map as one history, oldest first (not cut to a window). */
    public static SeriesHistory history(Iterable<Map.Entry<Integer, Long>> entries) {
        TreeMap<Integer, Long> sorted = new TreeMap<>();
        for (Map.Entry<Integer, Long> e : entries) {
            if (executions(e.getValue()) > 0) {
                sorted.put(e.getKey(), e.getValue());
            }
        }
        int n = sorted.size();
        int[] days = new int[n];
        int[] executions = new int[n];
        int[] passes = new int[n];
        int i = 0;
        for (Map.Entry<Integer, Long> e : sorted.entrySet()) {
            days[i] = e.getKey();
            executions[i] = executions(e.getValue());
            passes[i] = passes(e.getValue());
            i++;
        }
        return new SeriesHistory(days, executions, passes);
    }
}
