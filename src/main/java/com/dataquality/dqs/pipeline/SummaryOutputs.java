package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.SummaryRow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The streams of the summary part of the job; the caller attaches sinks.
 *
 * @param updates upserts: a key's row when a day closes with new records for it, or when late
 *     records change it, then its final row when a bounded input ends (a key's last update equals
 *     its CSV row)
 * @param finalRows at the end of bounded input only: every key's final row, sorted by key
 * @param deadLetters records that could not be understood, with origin and reason
 */
public record SummaryOutputs(
        DataStream<SummaryRow> updates,
        DataStream<SummaryRow> finalRows,
        DataStream<DeadLetter> deadLetters) {}
