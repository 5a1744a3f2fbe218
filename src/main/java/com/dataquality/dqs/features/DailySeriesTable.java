package com.dataquality.dqs.features;

import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aggregates valid rule executions into daily counts per series (dataset_uuid, rule_code): the
 * bounded-input counterpart of the streaming job's per-series state. Records may arrive in any
 * order.
 */
public final class DailySeriesTable {

    private record Key(String datasetUuid, int ruleCode) {}

    private final Map<Key, TreeMap<Integer, int[]>> counts = new HashMap<>();
    private long records;

    /** Counts one execution: warnings and failures are executions that did not pass. */
    public void add(RuleExecution e) {
        add(e.datasetUuid(), e.ruleCode(), e.businessDay(), e.status() == Status.PASS);
    }

    public void add(String datasetUuid, int ruleCode, int day, boolean passed) {
        addDay(datasetUuid, ruleCode, day, 1, passed ? 1 : 0);
    }

    /** Counts a day's executions and passes at once (a series' days as the job keeps them). */
    public void addDay(String datasetUuid, int ruleCode, int day, int executions, int passes) {
        int[] c =
                counts.computeIfAbsent(new Key(datasetUuid, ruleCode), k -> new TreeMap<>())
                        .computeIfAbsent(day, d -> new int[2]);
        c[0] += executions;
        c[1] += passes;
        records += executions;
    }

    /** Counts every day of a series. */
    public void addSeries(DailySeries s) {
        for (int i = 0; i < s.size(); i++) {
            addDay(s.datasetUuid(), s.ruleCode(), s.days()[i], s.executions()[i], s.passes()[i]);
        }
    }

    public long records() {
        return records;
    }

    public int seriesCount() {
        return counts.size();
    }

    /** The series sorted by (dataset_uuid, rule_code), so that training is deterministic. */
    public List<DailySeries> series() {
        List<DailySeries> out = new ArrayList<>(counts.size());
        counts.forEach((key, byDay) -> out.add(toSeries(key, byDay)));
        out.sort(
                Comparator.comparing(DailySeries::datasetUuid)
                        .thenComparingInt(DailySeries::ruleCode));
        return out;
    }

    /** All series keyed by {@link Keys#seriesKey}, for look-ups by request. */
    public Map<String, DailySeries> bySeriesKey() {
        Map<String, DailySeries> out = new HashMap<>(counts.size() * 2);
        counts.forEach(
                (key, byDay) ->
                        out.put(
                                Keys.seriesKey(key.datasetUuid(), key.ruleCode()),
                                toSeries(key, byDay)));
        return out;
    }

    /** The series of one key, or null when the table has no record of it. */
    public DailySeries find(String datasetUuid, int ruleCode) {
        Key key = new Key(datasetUuid, ruleCode);
        TreeMap<Integer, int[]> byDay = counts.get(key);
        return byDay == null ? null : toSeries(key, byDay);
    }

    private static DailySeries toSeries(Key key, TreeMap<Integer, int[]> byDay) {
        int n = byDay.size();
        int[] days = new int[n];
        int[] executions = new int[n];
        int[] passes = new int[n];
        int i = 0;
        for (Map.Entry<Integer, int[]> d : byDay.entrySet()) {
            days[i] = d.getKey();
            executions[i] = d.getValue()[0];
            passes[i] = d.getValue()[1];
            i++;
        }
        return new DailySeries(key.datasetUuid(), key.ruleCode(), days, executions, passes);
    }
}
