package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.Anomaly;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelComparison;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RetrainTrigger;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The streams the streaming job produces; the caller attaches sinks (files, Kafka, or a test's
 * collector). None is null: a stream with nothing to say stays empty.
 *
 * @param summaries summary upserts, final rows and dead letters
 * @param predictions the forecast each series is served, then its realization, per series-day
 * @param shadowPredictions the same for the other served models (challengers in shadow)
 * @param driftEvents feature and error drift of the champion, per closed day
 * @param retrainTriggers requests to retrain when drift persisted
 * @param anomalies realized days outside the anomaly interval of their forecast
 * @param comparisons where each challenger stands against the champion, per closed day
 * @param promotions promotions decided by the comparison ({@code --auto-promote}), to be written
 *     where the job reads its model updates
 */
public record Outputs(
        SummaryOutputs summaries,
        DataStream<PredictionRow> predictions,
        DataStream<PredictionRow> shadowPredictions,
        DataStream<Anomaly> anomalies,
        DataStream<DriftEvent> driftEvents,
        DataStream<RetrainTrigger> retrainTriggers,
        DataStream<ModelComparison> comparisons,
        DataStream<ModelCommand> promotions) {}
