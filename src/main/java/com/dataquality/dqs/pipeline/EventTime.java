package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.ParseResult;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * How the job learns that a day is over. Event time is the business date; a day closes when the
 * watermark passes its end.
 *
 * @param mode where watermarks come from
 * @param outOfOrderness how far behind the newest date a record may be and still be on time
 * @param idleness after how long a silent input stops holding days open, or null for never
 */
public record EventTime(Mode mode, Duration outOfOrderness, Duration idleness)
        implements Serializable {

    /** Where watermarks come from. */
    public enum Mode {
        /**
         * No watermark until the input ends, then every day closes at once, in date order per
         * series. For bounded inputs: the outputs do not depend on the order of files or
         * partitions, so 1 file, 73 files and a topic give the same forecasts.
         */
        END_OF_INPUT,
        /**
         * Assigned after the source, for each reader as a whole (watched files): a file is often
         * read between two periodic watermarks, and a per-split watermark would vanish with its
         * finished split without ever being emitted.
         */
        AFTER_SOURCE,
        /**
         * Per split inside the source (Kafka partitions): a partition that is read ahead does not
         * make the records of a slower one late.
         */
        PER_SPLIT
    }

    public static EventTime endOfInput() {
        return new EventTime(Mode.END_OF_INPUT, Duration.ZERO, null);
    }

    public static EventTime afterSource(Duration outOfOrderness, Duration idleness) {
        return new EventTime(Mode.AFTER_SOURCE, outOfOrderness, idleness);
    }

    public static EventTime perSplit(Duration outOfOrderness, Duration idleness) {
        return new EventTime(Mode.PER_SPLIT, outOfOrderness, idleness);
    }

    /**
     * The watermark strategy of the two watermarking modes. Dead letters have no date and must not
     * move the watermark, so they get the smallest timestamp, which a bounded-out-of-orderness
     * generator ignores.
     */
    WatermarkStrategy<ParseResult> strategy() {
        WatermarkStrategy<ParseResult> strategy =
                WatermarkStrategy.<ParseResult>forBoundedOutOfOrderness(outOfOrderness)
                        .withTimestampAssigner(
                                (r, previous) ->
                                        r.isValid()
                                                ? r.execution().eventTimeMillis()
                                                : Long.MIN_VALUE);
        return idleness == null ? strategy : strategy.withIdleness(idleness);
    }
}
