package com.dataquality.dqs.summary;

import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SummaryRow;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Everything one summary key needs, in constant space: totals, per-day counts in a ring, and the
 * fields of the latest record. Never the raw rows, so state grows with keys, not rows.
 *
 * <p>The ring holds one slot per day for {@link #RING_DAYS} days ending at the key's latest
 * business date. 366 of them are the widest window (reference date and the 365 days before); the
 * rest is slack for a continuous run, where a key may already hold records a few days ahead of the
 * watermark that sets the reference date. Records older than the ring still count in the totals.
 *
 * <p>A mutable POJO on purpose: it is Flink keyed state, updated in place on every record, and
 * Flink's POJO serializer handles public fields and primitive arrays without Kryo.
 */
public final class SummaryAccumulator {

    /** 366 days of windows plus 34 days for records ahead of the watermark. */
    public static final int RING_DAYS = 400;

    public String source;
    public String tenantId;
    public String datasetUuid;
    public String datasetName;
    public int ruleCode;

    public long passTotal;
    public long failTotal;
    public long warningTotal;

    /** The day in the ring's last slot; {@link Integer#MIN_VALUE} before the first record. */
    public int ringEndDay = Integer.MIN_VALUE;

    public int[] passByDay = new int[RING_DAYS];
    public int[] failByDay = new int[RING_DAYS];
    public int[] warningByDay = new int[RING_DAYS];

    public int latestDay = Integer.MIN_VALUE;
    public long latestSequence = Long.MIN_VALUE;
    public Long latestDatasetRecordCount;
    public Long latestFilteredRecordCount;
    public String latestExecutionLevel = "";

    public SummaryAccumulator() {}

    /** Counts one valid execution. */
    public void add(RuleExecution r) {
        add(DailyCounts.of(r));
    }

    /** Counts a day's executions; any order of arrival gives the same result. */
    public void add(DailyCounts r) {
        if (ringEndDay == Integer.MIN_VALUE) {
            source = r.source();
            tenantId = r.tenantId();
            datasetUuid = r.datasetUuid();
            datasetName = r.datasetName();
            ruleCode = r.ruleCode();
            ringEndDay = r.businessDay();
        }
        int day = r.businessDay();
        if (day > ringEndDay) {
            advanceRing(day);
        }
        boolean inRing = day > ringEndDay - RING_DAYS;
        int slot = Math.floorMod(day, RING_DAYS);
        passTotal += r.passes();
        failTotal += r.fails();
        warningTotal += r.warnings();
        if (inRing) {
            passByDay[slot] += r.passes();
            failByDay[slot] += r.fails();
            warningByDay[slot] += r.warnings();
        }
        // "Latest" is by business date, then by read order: never by arrival order, which
        // differs between runs and parallelisms.
        if (day > latestDay || (day == latestDay && r.latestSequence() >= latestSequence)) {
            latestDay = day;
            latestSequence = r.latestSequence();
            latestDatasetRecordCount = r.latestDatasetRecordCount();
            latestFilteredRecordCount = r.latestFilteredRecordCount();
            latestExecutionLevel = r.latestExecutionLevel();
        }
    }

    /** Moves the ring's end to {@code newEnd}, clearing the slots of the days it skips over. */
    private void advanceRing(int newEnd) {
        long gap = (long) newEnd - ringEndDay;
        if (gap >= RING_DAYS) {
            Arrays.fill(passByDay, 0);
            Arrays.fill(failByDay, 0);
            Arrays.fill(warningByDay, 0);
        } else {
            for (int d = ringEndDay + 1; d <= newEnd; d++) {
                int slot = Math.floorMod(d, RING_DAYS);
                passByDay[slot] = 0;
                failByDay[slot] = 0;
                warningByDay[slot] = 0;
            }
        }
        ringEndDay = newEnd;
    }

    public boolean isEmpty() {
        return ringEndDay == Integer.MIN_VALUE;
    }

    /**
     * The summary row with windows relative to {@code referenceDay}. Windows are open-ended upwards
     * (CONTRACT.md §3 bounds them only below), so records dated after the reference day count too.
     */
    public SummaryRow toRow(int referenceDay, RuleMetadata metadata) {
        long[] window1m = windowCounts(referenceDay - Windows.DAYS_1M);
        long[] window3m = windowCounts(referenceDay - Windows.DAYS_3M);
        long[] window12m = windowCounts(referenceDay - Windows.DAYS_12M);
        double rateTotal = Windows.failRate(passTotal, failTotal);
        double rate1m = Windows.failRate(window1m[0], window1m[1]);
        double rate3m = Windows.failRate(window3m[0], window3m[1]);
        double rate12m = Windows.failRate(window12m[0], window12m[1]);
        RuleMetadata m = metadata == null ? RuleMetadata.EMPTY : metadata;
        return new SummaryRow(
                source,
                tenantId,
                datasetUuid,
                datasetName,
                ruleCode,
                m.ruleName(),
                m.ruleType(),
                m.dimension(),
                m.ruleDescription(),
                m.category(),
                LocalDate.ofEpochDay(latestDay).toString(),
                latestDatasetRecordCount,
                latestFilteredRecordCount,
                passTotal,
                failTotal,
                window1m[0],
                window1m[1],
                window3m[0],
                window3m[1],
                window12m[0],
                window12m[1],
                rateTotal,
                rate1m,
                rate3m,
                rate12m,
                Windows.trend(rate1m, rate3m),
                latestExecutionLevel,
                warningTotal,
                window1m[2],
                window3m[2],
                window12m[2],
                LocalDate.ofEpochDay(referenceDay).toString());
    }

    /** {pass, fail, warning} over the ring's days on or after {@code fromDay}. */
    private long[] windowCounts(int fromDay) {
        long[] counts = new long[3];
        int first = Math.max(fromDay, ringEndDay - RING_DAYS + 1);
        for (int d = first; d <= ringEndDay; d++) {
            int slot = Math.floorMod(d, RING_DAYS);
            counts[0] += passByDay[slot];
            counts[1] += failByDay[slot];
            counts[2] += warningByDay[slot];
        }
        return counts;
    }

    /** The summary key of this accumulator, as {@link RuleExecution#summaryKey()} makes it. */
    public String key() {
        return Keys.summaryKey(source, tenantId, datasetUuid, datasetName, ruleCode);
    }
}
