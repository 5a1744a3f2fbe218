package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.ModelUpdate;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of live model updates. A model update has no business date, and the forecast
 * operator's event time is the smaller of its two inputs': a model stream without watermarks would
 * keep every day open forever. So live updates claim to be always ahead of any business date (just
 * short of the end-of-input maximum, which means "finished"), leaving event time to the records.
 */
final class ModelWatermarks {
    private ModelWatermarks() {}

    static WatermarkStrategy<ModelUpdate> idle() {
        return WatermarkStrategy.forGenerator(
                ctx ->
                        new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(ModelUpdate update, long ts, WatermarkOutput out) {}

                            @Override
                            public void onPeriodicEmit(WatermarkOutput out) {
                                out.markIdle();
                            }
                        });
    }
}
