package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.ModelUpdate;
import org.apache.flink.api.connector.source.Source;

/**
 * A source of model updates.
 *
 * @param initial true for the model to start with: forecasts wait until it has been read (its
 *     source holds the watermark back until it ends); false for live updates (a watched directory,
 *     the models topic), which never hold days open
 */
public record ModelInput(
        Source<ModelUpdate, ?, ?> source, String name, String uid, boolean initial) {}
