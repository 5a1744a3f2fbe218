package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.drift.DriftFunction;
import com.dataquality.dqs.drift.DriftSample;
import com.dataquality.dqs.model.ReferenceDocument;
import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelComparison;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.record.PairedError;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.RuleMetadata;
import com.dataquality.dqs.record.SeriesDay;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.retrain.RetrainFunction;
import com.dataquality.dqs.scoring.ChallengerComparisonFunction;
import com.dataquality.dqs.scoring.ForecastFunction;
import com.dataquality.dqs.scoring.ForecastSettings;
import com.dataquality.dqs.scoring.ModelValidationFunction;
import com.dataquality.dqs.scoring.ServingModels;
import com.dataquality.dqs.stream.GlobalKey;
import com.dataquality.dqs.stream.Tags;
import com.dataquality.dqs.stream.Uids;
import com.dataquality.dqs.summary.FinalSummaryFunction;
import com.dataquality.dqs.summary.RollingSummaryFunction;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The job's topology, as one function of its inputs: every run (bounded {@code summarize}, {@code
 * run} on files or Kafka, the tests) builds this graph, with different connectors. It reads top to
 * bottom here, one small builder per stage; the operators' logic lives in their packages.
 *
 * <pre>
 * records ─ route + combine per key and day ─┬─▶ dead letters
 *   │                                         ├─ keyBy(summary key) ─ rolling summary ─┬─ final summary (p=1) ─┬─▶ summary upserts
 *   │                                         │                                        └─ end-of-input states ─┘ └─▶ final rows
 *   │                                         └─ keyBy(series) ─ forecast ⇐ broadcast(model commands) ─┬─▶ predictions (forecast, then realized)
 *   │                                                                                                 ├─▶ shadow predictions (challengers)
 *   │                                                                                                 ├─▶ anomalies
 *   │                                                                                                 ├─ paired errors ─ compare challengers (p=1) ─┬─▶ comparisons
 *   │                                                                                                 │                                             └─▶ promotions (--auto-promote)
 * model updates ─ validate (p=1) ─▶ model commands                                                    ├─ features ┐
 *                                                                                                      ├─ champion's realized rows ┴─ drift (p=1) ⇐ broadcast(model commands) ─┬─▶ drift events
 *                                                                                                      │                                                                        └─ retrain triggers ┐
 *                                                                                                      └─ closed days ──────────────────────────────────── retrain (p=1, --auto-retrain) ─┘
 * </pre>
 *
 * Every stateful operator has a stable uid ({@link Uids}): savepoints map state to operators by it.
 */
public final class Pipeline {

    private Pipeline() {}

    /**
     * The summary part alone: for {@code dqs summarize}, a bounded run that wants the final rows
     * and the dead letters only, without upserts as days close ({@code emitDailyUpdates} false).
     */
    public static SummaryOutputs summaries(
            StreamExecutionEnvironment env,
            Inputs inputs,
            Map<Integer, RuleMetadata> rules,
            EventTime eventTime,
            boolean emitDailyUpdates) {
        SingleOutputStreamOperator<DailyCounts> daily =
                routeAndCombine(records(env, inputs, eventTime));
        return summaryStage(daily, rules, emitDailyUpdates);
    }

    /** The streaming job: summaries, forecasts, drift and, when asked, retraining. */
    public static Outputs build(
            StreamExecutionEnvironment env, Inputs inputs, PipelineSettings settings) {
        SingleOutputStreamOperator<DailyCounts> daily =
                routeAndCombine(records(env, inputs, settings.eventTime()));
        SummaryOutputs summaries = summaryStage(daily, settings.rules(), true);

        DataStream<ModelCommand> commands = modelCommands(env, inputs.models());
        SingleOutputStreamOperator<PredictionRow> predictions =
                forecastStage(daily, commands, settings.serving(), settings.forecast());
        DataStream<PredictionRow> shadow = predictions.getSideOutput(Tags.SHADOW_PREDICTIONS);

        SingleOutputStreamOperator<DriftEvent> drift =
                driftStage(predictions, shadow, commands, settings);
        DataStream<RetrainTrigger> triggers = drift.getSideOutput(Tags.RETRAIN_TRIGGERS);

        settings.retrain()
                .ifPresent(
                        r ->
                                retrainStage(
                                        predictions.getSideOutput(Tags.CLOSED_DAYS), triggers, r));
        SingleOutputStreamOperator<ModelComparison> comparisons =
                comparisonStage(predictions.getSideOutput(Tags.PAIRED_ERRORS), settings);
        return new Outputs(
                summaries,
                predictions,
                shadow,
                predictions.getSideOutput(Tags.ANOMALIES),
                drift,
                triggers,
                comparisons,
                comparisons.getSideOutput(Tags.PROMOTIONS));
    }

    /**
     * The records with event time. In {@link EventTime.Mode#PER_SPLIT} the source itself tracks a
     * watermark per split (Kafka partition); in {@link EventTime.Mode#AFTER_SOURCE} one is assigned
     * per reader; a bounded input has none until it ends.
     */
    private static DataStream<ParseResult> records(
            StreamExecutionEnvironment env, Inputs inputs, EventTime eventTime) {
        return switch (eventTime.mode()) {
            case END_OF_INPUT ->
                    env.fromSource(
                                    inputs.records(),
                                    WatermarkStrategy.noWatermarks(),
                                    inputs.recordsName())
                            .uid(Uids.RECORDS_SOURCE);
            case PER_SPLIT ->
                    env.fromSource(inputs.records(), eventTime.strategy(), inputs.recordsName())
                            .uid(Uids.RECORDS_SOURCE);
            case AFTER_SOURCE ->
                    env.fromSource(
                                    inputs.records(),
                                    WatermarkStrategy.noWatermarks(),
                                    inputs.recordsName())
                            .uid(Uids.RECORDS_SOURCE)
                            .assignTimestampsAndWatermarks(eventTime.strategy())
                            .uid(Uids.EVENT_TIME)
                            .name("Event time from business_date");
        };
    }

    /** Counts every record, routes dead letters aside, combines executions per key and day. */
    private static SingleOutputStreamOperator<DailyCounts> routeAndCombine(
            DataStream<ParseResult> records) {
        return records.transform(
                        "Route records, combine per key and day",
                        TypeInformation.of(DailyCounts.class),
                        new RouteAndCombineOperator())
                .uid(Uids.ROUTE_AND_COMBINE);
    }

    /**
     * Rolling summaries per summary key, merged at parallelism 1 so that each key's final row
     * follows its last upsert on one channel.
     */
    private static SummaryOutputs summaryStage(
            SingleOutputStreamOperator<DailyCounts> daily,
            Map<Integer, RuleMetadata> rules,
            boolean emitDailyUpdates) {
        SingleOutputStreamOperator<SummaryRow> rolling =
                daily.keyBy(DailyCounts::summaryKey)
                        .process(new RollingSummaryFunction(rules, emitDailyUpdates))
                        .uid(Uids.ROLLING_SUMMARY)
                        .name("Rolling summary");
        SingleOutputStreamOperator<SummaryRow> updates =
                rolling.keyBy(r -> GlobalKey.VALUE, Types.INT)
                        .connect(
                                rolling.getSideOutput(RollingSummaryFunction.FINAL_STATES)
                                        .keyBy(s -> GlobalKey.VALUE, Types.INT))
                        .process(new FinalSummaryFunction(rules))
                        .uid(Uids.FINAL_SUMMARY)
                        .name("Summary updates and final summary")
                        .setParallelism(1)
                        .setMaxParallelism(1);
        DataStream<DeadLetter> deadLetters = daily.getSideOutput(Tags.DEAD_LETTERS);
        return new SummaryOutputs(updates, updates.getSideOutput(Tags.FINAL_ROWS), deadLetters);
    }

    /**
     * Live model updates, validated once (parallelism 1) into commands for the broadcast operators.
     * Model updates carry no business date: their sources are idle in event time, so event time
     * comes from the records alone.
     */
    private static DataStream<ModelCommand> modelCommands(
            StreamExecutionEnvironment env, List<ModelInput> models) {
        DataStream<ModelUpdate> updates = null;
        for (ModelInput m : models) {
            DataStream<ModelUpdate> s =
                    env.fromSource(m.source(), WatermarkStrategy.noWatermarks(), m.name())
                            .uid(m.uid())
                            // After the source, not per split: a source's per-split outputs are
                            // not idle before a split arrives (an empty models directory).
                            .assignTimestampsAndWatermarks(ModelWatermarks.idle())
                            .uid(m.uid() + Uids.EVENT_TIME_SUFFIX)
                            .name("Model updates are idle in event time");
            updates = updates == null ? s : updates.union(s);
        }
        if (updates == null) {
            // No live updates: an empty, finished stream keeps one topology.
            updates =
                    env.fromSequence(0, 0)
                            .uid(Uids.NO_MODEL_UPDATES_SOURCE)
                            .flatMap((Long x, Collector<ModelUpdate> out) -> {})
                            .returns(ModelUpdate.class)
                            .uid(Uids.NO_MODEL_UPDATES)
                            .name("No model updates");
        }
        return updates.process(new ModelValidationFunction())
                .uid(Uids.MODEL_VALIDATION)
                .name("Validate model updates")
                .setParallelism(1);
    }

    /** Daily series keyed by dataset and rule, forecast by the models in broadcast state. */
    private static SingleOutputStreamOperator<PredictionRow> forecastStage(
            DataStream<DailyCounts> daily,
            DataStream<ModelCommand> commands,
            ServingSettings serving,
            ForecastSettings forecastSettings) {
        ForecastFunction forecast =
                new ForecastFunction(
                        new ServingModels(
                                "model-roster",
                                "model",
                                serving.initial(),
                                serving.run(),
                                json -> json),
                        forecastSettings);
        return daily.keyBy(DailyCounts::seriesKey)
                .connect(commands.broadcast(forecast.broadcastDescriptors()))
                .process(forecast)
                .uid(Uids.FORECAST)
                .name("Forecast next day");
    }

    /**
     * The champion's forecast features and realized errors, judged per closed day at parallelism 1
     * against the champion's reference.
     */
    private static SingleOutputStreamOperator<DriftEvent> driftStage(
            SingleOutputStreamOperator<PredictionRow> predictions,
            DataStream<PredictionRow> shadow,
            DataStream<ModelCommand> commands,
            PipelineSettings settings) {
        DataStream<DriftSample> features =
                predictions
                        .getSideOutput(Tags.FORECAST_FEATURES)
                        .map(DriftSample::of)
                        .returns(DriftSample.class)
                        .uid(Uids.DRIFT_FEATURES_IN)
                        .name("Drift input: forecast features");
        DataStream<DriftSample> errors =
                predictions
                        .union(shadow)
                        .filter(r -> r.realized() && r.forecast().modelRole() == ModelRole.CHAMPION)
                        .uid(Uids.DRIFT_ERRORS_FILTER)
                        .name("Champion's realized forecasts")
                        .map(DriftSample::of)
                        .returns(DriftSample.class)
                        .uid(Uids.DRIFT_ERRORS_IN)
                        .name("Drift input: realized errors");
        DriftFunction drift =
                new DriftFunction(
                        settings.drift(),
                        new ServingModels(
                                "drift-model-roster",
                                "drift-model",
                                settings.serving().initial(),
                                settings.serving().run(),
                                ReferenceDocument::strip));
        return features.union(errors)
                .keyBy(x -> GlobalKey.VALUE, Types.INT)
                .connect(commands.broadcast(drift.broadcastDescriptors()))
                .process(drift)
                .uid(Uids.DRIFT)
                .name("Drift detection")
                .setParallelism(1)
                .setMaxParallelism(1);
    }

    /**
     * Challengers against the champion on their paired errors, per closed day, at parallelism 1;
     * with {@code --auto-promote} a winner's promotion goes out on a side output.
     */
    private static SingleOutputStreamOperator<ModelComparison> comparisonStage(
            DataStream<PairedError> paired, PipelineSettings settings) {
        return paired.keyBy(p -> GlobalKey.VALUE, Types.INT)
                .process(new ChallengerComparisonFunction(settings.promotion()))
                .uid(Uids.MODEL_COMPARISON)
                .name("Compare challengers with the champion")
                .setParallelism(1)
                .setMaxParallelism(1);
    }

    /** On each retraining trigger, trains from the closed days the job keeps (parallelism 1). */
    private static void retrainStage(
            DataStream<SeriesDay> closedDays,
            DataStream<RetrainTrigger> triggers,
            RetrainSettings settings) {
        closedDays
                .keyBy(d -> GlobalKey.VALUE, Types.INT)
                .connect(triggers.keyBy(t -> GlobalKey.VALUE, Types.INT))
                .process(
                        new RetrainFunction(
                                settings.registry(), settings.publishDir(), settings.options()))
                .uid(Uids.AUTO_RETRAIN)
                .name("Retrain on trigger")
                .setParallelism(1)
                .setMaxParallelism(1)
                .sinkTo(new DiscardingSink<>())
                .uid(Uids.AUTO_RETRAIN_LOG)
                .name("Retraining log")
                .setParallelism(1);
    }
}
