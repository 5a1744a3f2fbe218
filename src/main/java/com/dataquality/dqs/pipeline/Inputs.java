package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.ParseResult;
import java.util.List;
import org.apache.flink.api.connector.source.Source;

/**
 * The connectors a run plugs into the topology. Built by the caller (files, Kafka, or a test's
 * bounded source), never inside {@link Pipeline}, so that one topology serves every run.
 *
 * @param records parsed rule executions
 * @param recordsName the source's name on the dashboard
 * @param models sources of live model updates; may be empty
 */
public record Inputs(
        Source<ParseResult, ?, ?> records, String recordsName, List<ModelInput> models) {

    /** Records only: no live model updates. */
    public Inputs(Source<ParseResult, ?, ?> records, String recordsName) {
        this(records, recordsName, List.of());
    }
}
