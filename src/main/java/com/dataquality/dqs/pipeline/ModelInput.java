package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.ModelUpdate;
import org.apache.flink.api.connector.source.Source;

/**
 * A source of live model updates: a watched models directory, the models topic. The model a run
 * starts with is not a source: it travels in the job graph ({@link ServingSettings}).
 *
 * @param uid the source's stable uid
 */
public record ModelInput(Source<ModelUpdate, ?, ?> source, String name, String uid) {}
