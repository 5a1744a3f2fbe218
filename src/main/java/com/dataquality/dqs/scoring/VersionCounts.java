package com.dataquality.dqs.scoring;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * Forecasts per model version, as a job accumulator: summed over the parallel tasks into the job's
 * result, for the run report of a bounded run ("which models served, how much").
 */
public final class VersionCounts implements Accumulator<String, HashMap<String, Long>> {
    private static final long serialVersionUID = 1L;

    private HashMap<String, Long> counts = new HashMap<>();

    @Override
    public void add(String version) {
        counts.merge(version, 1L, Long::sum);
    }

    @Override
    public HashMap<String, Long> getLocalValue() {
        return counts;
    }

    @Override
    public void resetLocal() {
        counts = new HashMap<>();
    }

    @Override
    public void merge(Accumulator<String, HashMap<String, Long>> other) {
        for (Map.Entry<String, Long> e : other.getLocalValue().entrySet()) {
            counts.merge(e.getKey(), e.getValue(), Long::sum);
        }
    }

    @Override
    public VersionCounts clone() {
        VersionCounts c = new VersionCounts();
        c.counts = new HashMap<>(counts);
        return c;
    }
}
