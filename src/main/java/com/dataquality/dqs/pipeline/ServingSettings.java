package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.scoring.ServedModel;
import java.io.Serializable;

/**
 * What the forecast and drift operators serve before any live update: the model the run starts
 * with, validated by the client, and the run's id, which tells a failover (same run) from a new
 * submission (see {@code ServingModels}).
 *
 * @param initial the model to start with ({@code --model}), or null to wait for one
 * @param run the run's id: new for every submission, kept across failovers (it is in the job graph)
 */
public record ServingSettings(ServedModel initial, String run) implements Serializable {

    /** No model to start with. */
    public static ServingSettings none(String run) {
        return new ServingSettings(null, run);
    }
}
