package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.drift.DriftFunction;
import com.dataquality.dqs.drift.DriftInput;
import com.dataquality.dqs.drift.DriftSettings;
import com.dataquality.dqs.record.DriftEvent;
import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.record.Prediction;
import com.dataquality.dqs.record.RetrainTrigger;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Builds the drift side pipeline: forecast features and realized forecasts, keyed by a constant,
 * judged by {@link DriftFunction} against the model stream the forecasts use.
 *
 * <pre>
 * forecast features ─┐
 * realized forecasts ┴─ keyBy(constant) ─ drift (p=1) ⇐ broadcast(model) ─┬─▶ drift events
 *                                                                          └─▶ retrain triggers
 * </pre>
 */
public final class DriftStage {
    public static final String UID_DRIFT = "drift-detection";
    public static final String UID_FEATURES_IN = "drift-features-in";
    public static final String UID_ERRORS_IN = "drift-errors-in";

    /** The stage's outputs. */
    public record Streams(DataStream<DriftEvent> events, DataStream<RetrainTrigger> triggers) {}

    private DriftStage() {}

    public static Streams build(
            DataStream<ForecastFeatures> features,
            DataStream<Prediction> predictions,
            DataStream<ModelUpdate> models,
            DriftSettings settings) {
        DataStream<DriftInput> fromFeatures =
                features.map(f -> new DriftInput(f, null))
                        .returns(DriftInput.class)
                        .uid(UID_FEATURES_IN)
                        .name("Drift input: forecast features");
        DataStream<DriftInput> fromErrors =
                predictions
                        .filter(Prediction::isRealized)
                        .uid(UID_ERRORS_IN + "-filter")
                        .name("Realized forecasts")
                        .map(p -> new DriftInput(null, p))
                        .returns(DriftInput.class)
                        .uid(UID_ERRORS_IN)
                        .name("Drift input: realized errors");
        SingleOutputStreamOperator<DriftEvent> events =
                fromFeatures
                        .union(fromErrors)
                        .keyBy(x -> DriftFunction.KEY, Types.INT)
                        .connect(models.broadcast(DriftFunction.MODEL_STATE))
                        .process(new DriftFunction(settings))
                        .uid(UID_DRIFT)
                        .name("Drift detection")
                        .setParallelism(1)
                        .setMaxParallelism(1);
        return new Streams(events, events.getSideOutput(DriftFunction.TRIGGERS));
    }
}
