package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.stream.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Counts every parsed record, sends dead letters to their side output, and combines valid
 * executions of the same summary key and day before they cross the network, so the keyed stages get
 * one {@link DailyCounts} where they would get a day's worth of executions (several per rule and
 * dataset on a typical day): the shuffle, not the parsing, is most of a record's cost. One operator
 * rather than a routing function chained to a combiner: each chained hop is a call chain per record
 * and more code for the JIT to compile while a run warms up (measured).
 *
 * <p>This is where {@code records_read = records_valid + records_dead_lettered} is accounted for
 * ({@link RecordCounters}): every record a source reads passes here exactly once.
 *
 * <p>The buffer holds no state that a checkpoint would miss: it is emptied before every checkpoint
 * barrier ({@link #prepareSnapshotPreBarrier}), so a restore replays from the source exactly what
 * was not yet combined. It is also emptied before every watermark is passed on, so no combined
 * record arrives after the watermark that closes its day (lateness is unchanged), when it reaches
 * {@link #MAX_ENTRIES}, and at the end of input.
 *
 * <p>It keeps references to the executions it combines: safe with object reuse, because the parser
 * creates a new immutable {@link RuleExecution} for every record.
 */
public final class RouteAndCombineOperator extends AbstractStreamOperator<DailyCounts>
        implements OneInputStreamOperator<ParseResult, DailyCounts>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    /** Enough for a day of every key of a large tenant; small enough to flush often. */
    static final int MAX_ENTRIES = 8192;

    private transient RecordCounters counters;
    private transient Map<DayKey, Combined> buffer;
    private transient StreamRecord<DailyCounts> reuse;
    private transient StreamRecord<DeadLetter> deadReuse;

    /** A summary key and day, compared field by field (no string building per record). */
    private record DayKey(
            String source,
            String tenantId,
            String datasetUuid,
            String datasetName,
            int ruleCode,
            int day) {

        /**
         * A record's own hash code combines its components by 31, so that keys of one dataset whose
         * rule codes differ by one and days by 31 collide: with a dozen rules over a year, each
         * bucket held about ten keys and comparing them was a quarter of the task's time. Rule code
         * and day are mixed in by a large odd multiplier instead.
         */
        @Override
        public int hashCode() {
            int h = Objects.hashCode(source);
            h = 31 * h + Objects.hashCode(tenantId);
            h = 31 * h + Objects.hashCode(datasetUuid);
            h = 31 * h + Objects.hashCode(datasetName);
            h = (h ^ ruleCode) * 0x9E3779B9;
            h = (h ^ day) * 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DayKey k
                    && ruleCode == k.ruleCode
                    && day == k.day
                    && Objects.equals(datasetUuid, k.datasetUuid)
                    && Objects.equals(datasetName, k.datasetName)
                    && Objects.equals(source, k.source)
                    && Objects.equals(tenantId, k.tenantId);
        }
    }

    /** A day's counts while they are being combined. */
    private static final class Combined {
        final RuleExecution first;
        int passes;
        int fails;
        int warnings;
        RuleExecution latest;

        Combined(RuleExecution first) {
            this.first = first;
            this.latest = first;
        }

        void add(RuleExecution r) {
            switch (r.status()) {
                case PASS -> passes++;
                case FAIL -> fails++;
                case WARNING -> warnings++;
            }
            if (r.sequence() >= latest.sequence()) {
                latest = r;
            }
        }

        DailyCounts toCounts() {
            return new DailyCounts(
                    first.source(),
                    first.tenantId(),
                    first.datasetUuid(),
                    first.datasetName(),
                    first.ruleCode(),
                    first.businessDay(),
                    passes,
                    fails,
                    warnings,
                    latest.sequence(),
                    latest.datasetRecordCount(),
                    latest.filteredRecordCount(),
                    latest.levelOfExecution());
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        counters = new RecordCounters(getRuntimeContext(), getMetricGroup());
        buffer = new HashMap<>();
        reuse = new StreamRecord<>(null);
        deadReuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<ParseResult> element) {
        ParseResult in = element.getValue();
        if (!in.isValid()) {
            DeadLetter dead = in.deadLetter();
            counters.dead(dead.reason());
            output.collect(Tags.DEAD_LETTERS, deadReuse.replace(dead));
            return;
        }
        counters.valid();
        RuleExecution r = in.execution();
        DayKey key =
                new DayKey(
                        r.source(),
                        r.tenantId(),
                        r.datasetUuid(),
                        r.datasetName(),
                        r.ruleCode(),
                        r.businessDay());
        Combined combined = buffer.get(key);
        if (combined == null) {
            combined = new Combined(r);
            buffer.put(key, combined);
        }
        combined.add(r);
        if (buffer.size() >= MAX_ENTRIES) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        for (Combined c : buffer.values()) {
            DailyCounts counts = c.toCounts();
            output.collect(reuse.replace(counts, counts.eventTimeMillis()));
        }
        buffer.clear();
    }
}
