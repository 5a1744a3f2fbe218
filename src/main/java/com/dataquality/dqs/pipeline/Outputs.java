package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.Prediction;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SeriesDay;
import com.dataquality.dqs.record.SummaryRow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The streams the topology produces; the caller attaches sinks (files, Kafka, or a test's
 * collector).
 *
 * @param summaryUpdates upserts: a key's row each time a day closes with new records for it, then
 *     its final row when a bounded input ends (so a key's last update equals its CSV row)
 * @param finalSummaries at the end of bounded input only: every key's final row, sorted by key
 * @param deadLetters records that could not be understood, with origin and reason
 * @param predictions forecasts and their realized errors; null when the settings turn forecasting
 *     off
 * @param forecastFeatures the feature vector of each forecast; null without forecasting
 * @param driftEvents feature and error drift, per closed day; null without forecasting
 * @param retrainTriggers requests to retrain when drift persisted; null without forecasting
 * @param closedDays each series' closed days (executions, passes), for the job's own retrainer;
 *     null without forecasting
 */
public record Outputs(
        DataStream<SummaryRow> summaryUpdates,
        DataStream<SummaryRow> finalSummaries,
        DataStream<DeadLetter> deadLetters,
        DataStream<Prediction> predictions,
        DataStream<ForecastFeatures> forecastFeatures,
        DataStream<DriftEvent> driftEvents,
        DataStream<RetrainTrigger> retrainTriggers,
        DataStream<SeriesDay> closedDays) {}
