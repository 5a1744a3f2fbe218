package com.dataquality.dqs.scoring;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelUpdate;
import com.dataquality.dqs.stream.MetricNames;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where model updates enter the job: each update (a file in the models directory, a message on the
 * models topic) is parsed and validated once, in Java, before anything else sees it. A valid one
 * becomes a {@link ModelCommand} for the forecast and drift operators; an invalid one is rejected
 * with a log line and the {@code model_rejections} metric, and the models that serve keep serving.
 * Model files are untrusted input: nothing unvalidated reaches LightGBM's native code or the
 * broadcast state, where it would be replayed on every restore.
 */
public final class ModelValidationFunction extends ProcessFunction<ModelUpdate, ModelCommand> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelValidationFunction.class);

    private transient Counter rejections;

    @Override
    public void open(OpenContext openContext) {
        rejections =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup(MetricNames.GROUP)
                        .counter(MetricNames.MODEL_REJECTIONS);
    }

    @Override
    public void processElement(ModelUpdate update, Context ctx, Collector<ModelCommand> out) {
        ModelCommand command;
        try {
            command = command(update);
        } catch (InputException | IllegalStateException e) {
            rejections.inc();
            LOG.warn("Rejected model update from {}: {}", update.origin(), e.getMessage());
            return;
        }
        LOG.info(
                "Model update from {}: {} {}",
                update.origin(),
                command.action(),
                command.version());
        out.collect(command);
    }

    /**
     * The command an update stands for (a plain model file serves as champion; a serving document
     * says what to do); throws {@link InputException} when it is not valid.
     */
    public static ModelCommand command(ModelUpdate update) {
        return ServingDocument.parse(update.modelJson(), update.origin());
    }
}
