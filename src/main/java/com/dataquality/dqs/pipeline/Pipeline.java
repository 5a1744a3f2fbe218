package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.drift.DriftSettings;
import com.dataquality.dqs.record.DailyCounts;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.Prediction;
import com.dataquality.dqs.record.SummaryRow;
import com.dataquality.dqs.scoring.ForecastFunction;
import com.dataquality.dqs.stream.Tags;
import com.dataquality.dqs.summary.FinalSummaryFunction;
import com.dataquality.dqs.summary.RollingSummaryFunction;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The job's topology, as one function of its inputs: every run (bounded {@code summarize},
 * continuous {@code run}, tests) builds this same graph, with different connectors.
 *
 * <pre>
 * records ─ route ──┬─▶ dead letters
 *                   └─ combine per key and day ─ keyBy(summary key) ─ rolling summary ─┬─ day-close updates ─┬─ final summary (p=1) ─▶ summary updates
 *                                                            └─ end-of-input states┘        └─▶ final rows
 *            └─ keyBy(series) ─ forecast ⇐ broadcast(models) ─┬─▶ predictions (and realized errors)
 *                                                             └─ features ─ drift (p=1) ⇐ broadcast(models) ─┬─▶ drift events
 *                                                                                                            └─▶ retrain triggers
 * </pre>
 *
 * Every stateful operator has a stable uid: savepoints map state to operators by it.
 */
public final class Pipeline {

    public static final String UID_SOURCE = "records-source";
    public static final String UID_EVENT_TIME = "event-time";
    public static final String UID_ROUTE_AND_COMBINE = "route-and-combine";
    public static final String UID_SUMMARY = "rolling-summary";
    public static final String UID_FINAL_SUMMARY = "final-summary";
    public static final String UID_FORECAST = "forecast";

    private Pipeline() {}

    public static Outputs build(
            StreamExecutionEnvironment env, Inputs inputs, PipelineSettings settings) {
        // Event time is assigned after the source, for the reader as a whole, not per split:
        // a file split is often read completely between two periodic watermarks, and a
        // finished split's watermark would vanish with it, holding every day open.
        DataStream<ParseResult> parsed =
                env.fromSource(
                                inputs.records(),
                                WatermarkStrategy.noWatermarks(),
                                inputs.recordsName())
                        .uid(UID_SOURCE)
                        .assignTimestampsAndWatermarks(watermarks(settings))
                        .uid(UID_EVENT_TIME)
                        .name("Event time from business_date");

        SingleOutputStreamOperator<DailyCounts> daily =
                parsed.transform(
                                "Route records, combine per key and day",
                                TypeInformation.of(DailyCounts.class),
                                new RouteAndCombineOperator())
                        .uid(UID_ROUTE_AND_COMBINE);
        DataStream<DeadLetter> deadLetters = daily.getSideOutput(Tags.DEAD_LETTERS);

        SingleOutputStreamOperator<SummaryRow> updates =
                daily.keyBy(DailyCounts::summaryKey)
                        .process(
                                new RollingSummaryFunction(
                                        settings.rules(), settings.emitDailyUpdates()))
                        .uid(UID_SUMMARY)
                        .name("Rolling summary");

        SingleOutputStreamOperator<SummaryRow> allUpdates =
                updates.keyBy(r -> FinalSummaryFunction.ALL, Types.INT)
                        .connect(
                                updates.getSideOutput(RollingSummaryFunction.FINAL_STATES)
                                        .keyBy(s -> FinalSummaryFunction.ALL, Types.INT))
                        .process(new FinalSummaryFunction(settings.rules()))
                        .uid(UID_FINAL_SUMMARY)
                        .name("Summary updates and final summary")
                        .setParallelism(1)
                        .setMaxParallelism(1);

        if (!settings.forecast()) {
            return new Outputs(
                    allUpdates,
                    allUpdates.getSideOutput(Tags.FINAL_ROWS),
                    deadLetters,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        DataStream<ModelUpdate> models = modelUpdates(env, inputs.models());
        SingleOutputStreamOperator<Prediction> predictions =
                forecasts(daily, models, inputs.models().stream().anyMatch(ModelInput::initial));
        DataStream<ForecastFeatures> features = predictions.getSideOutput(Tags.FORECAST_FEATURES);
        DriftStage.Streams drift =
                DriftStage.build(features, predictions, models, DriftSettings.DEFAULTS);
        return new Outputs(
                allUpdates,
                allUpdates.getSideOutput(Tags.FINAL_ROWS),
                deadLetters,
                predictions,
                features,
                drift.events(),
                drift.triggers(),
                predictions.getSideOutput(Tags.CLOSED_DAYS));
    }

    /**
     * Daily series keyed by dataset and rule, forecast from the model in broadcast state. The model
     * stream's watermark matters here, since the forecast operator's watermark is the smaller of
     * its inputs': the model to start with holds it back until it has been read, live updates never
     * do ({@link ModelWatermarks}).
     */
    private static SingleOutputStreamOperator<Prediction> forecasts(
            DataStream<DailyCounts> daily, DataStream<ModelUpdate> updates, boolean initialModel) {
        return daily.keyBy(DailyCounts::seriesKey)
                .connect(updates.broadcast(ForecastFunction.MODEL_STATE))
                .process(new ForecastFunction(initialModel))
                .uid(UID_FORECAST)
                .name("Forecast next day");
    }

    /** The model to start with and live updates, as one stream (forecasts and drift share it). */
    private static DataStream<ModelUpdate> modelUpdates(
            StreamExecutionEnvironment env, List<ModelInput> models) {
        DataStream<ModelUpdate> updates = null;
        for (ModelInput m : models) {
            DataStream<ModelUpdate> s =
                    env.fromSource(m.source(), WatermarkStrategy.noWatermarks(), m.name())
                            .uid(m.uid())
                            // Assigned after the source, not per split: a source's per-split
                            // outputs are not idle before a split arrives (an empty models
                            // directory), and would hold every day open.
                            .assignTimestampsAndWatermarks(ModelWatermarks.idle())
                            .uid(m.uid() + "-event-time")
                            .name("Model updates are idle in event time");
            updates = updates == null ? s : updates.union(s);
        }
        if (updates == null) {
            // No model yet and none to come: an empty, finished stream keeps one topology.
            updates =
                    env.fromSequence(0, 0)
                            .uid("no-model-updates-source")
                            .flatMap((Long x, Collector<ModelUpdate> out) -> {})
                            .returns(ModelUpdate.class)
                            .uid("no-model-updates")
                            .name("No model updates");
        }
        return updates;
    }

    /**
     * Event time is the business date. Dead letters have none and must not move the watermark, so
     * they get the smallest timestamp, which a bounded-out-of-orderness generator ignores.
     */
    static WatermarkStrategy<ParseResult> watermarks(PipelineSettings settings) {
        WatermarkStrategy<ParseResult> strategy =
                WatermarkStrategy.<ParseResult>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner(
                                (r, previous) ->
                                        r.isValid()
                                                ? r.execution().eventTimeMillis()
                                                : Long.MIN_VALUE);
        return settings.idleness() == null ? strategy : strategy.withIdleness(settings.idleness());
    }
}
