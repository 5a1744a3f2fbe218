package com.dataquality.dqs.scoring;

import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelRole;
import java.io.Serializable;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The one way a broadcast operator knows which models serve, shared by the forecast and drift
 * operators: a {@link ModelRoster} in broadcast state, the model this run was started with, and the
 * state of versions before 0.2, read once.
 *
 * <p>The model a run starts with ({@code --model}) is part of the job itself, not a source: it is
 * validated by the client and travels in the job graph with the run's id, so it is there from the
 * first record, also on a cluster whose task managers cannot read the client's files. It serves as
 * champion until the roster is changed in this run. A failover restarts the same run: a roster
 * changed in it (a live swap) stands. A new run from a savepoint has a new id: its {@code --model}
 * replaces the restored champion, and without {@code --model} the restored roster serves.
 *
 * <p>All of it is derived from state and from the job graph, never from a field set at run time, so
 * a restored task decides as it did before.
 */
public final class ServingModels implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String KEY = "roster";
    private static final String LEGACY_KEY = "active";

    private final MapStateDescriptor<String, ModelRoster> roster;
    private final MapStateDescriptor<String, ActiveModel> legacy;
    private final ServedModel initial;
    private final String run;
    private final Keep keep;

    /** What an operator keeps of a model document in its state (the drift operator: less). */
    public interface Keep extends UnaryOperator<byte[]>, Serializable {}

    /**
     * @param stateName the broadcast state's name, one per operator
     * @param legacyStateName the name of the same operator's model state before 0.2
     * @param initial the model this run starts with, or null
     * @param run this run's id (the same across failovers, new for every submission)
     * @param keep what of a model document to keep in state
     */
    public ServingModels(
            String stateName, String legacyStateName, ServedModel initial, String run, Keep keep) {
        this.roster =
                new MapStateDescriptor<>(
                        stateName, Types.STRING, TypeInformation.of(ModelRoster.class));
        this.legacy =
                new MapStateDescriptor<>(
                        legacyStateName, Types.STRING, TypeInformation.of(ActiveModel.class));
        this.initial = initial == null ? null : initial.withJson(keep.apply(initial.modelJson()));
        this.run = run;
        this.keep = keep;
    }

    /** The descriptors the model stream is broadcast with: both must be declared to restore. */
    public MapStateDescriptor<?, ?>[] descriptors() {
        return new MapStateDescriptor<?, ?>[] {roster, legacy};
    }

    public MapStateDescriptor<String, ModelRoster> rosterDescriptor() {
        return roster;
    }

    public MapStateDescriptor<String, ActiveModel> legacyDescriptor() {
        return legacy;
    }

    /** The roster that serves now. */
    public ModelRoster current(
            ReadOnlyBroadcastState<String, ModelRoster> state,
            ReadOnlyBroadcastState<String, ActiveModel> legacyState)
            throws Exception {
        ModelRoster stored = state.get(KEY);
        if (stored != null && run.equals(stored.run())) {
            return stored;
        }
        ModelRoster base = stored != null ? stored : fromLegacy(legacyState.get(LEGACY_KEY));
        return initial == null ? base : base.withChampion(initial, run);
    }

    /**
     * Applies a command and stores the result (the state of versions before 0.2 is dropped once its
     * model is in the roster). Returns the new roster; {@code why} says why nothing changed when
     * the roster is the same.
     */
    public ModelRoster apply(
            BroadcastState<String, ModelRoster> state,
            BroadcastState<String, ActiveModel> legacyState,
            ModelCommand command,
            StringBuilder why)
            throws Exception {
        ModelRoster now = current(state, legacyState);
        ModelCommand kept =
                command.modelJson() == null
                        ? command
                        : new ModelCommand(
                                command.action(),
                                command.version(),
                                command.origin(),
                                command.role(),
                                command.share(),
                                keep.apply(command.modelJson()));
        ModelRoster next = now.apply(kept, run, why);
        if (next != now || !run.equals(now.run())) {
            state.put(KEY, new ModelRoster(run, next.models()));
            legacyState.remove(LEGACY_KEY);
        }
        return next;
    }

    private ModelRoster fromLegacy(ActiveModel active) {
        if (active == null) {
            return ModelRoster.empty(null);
        }
        return new ModelRoster(
                null,
                new ServedModel[] {
                    new ServedModel(
                            active.version(),
                            active.origin(),
                            ModelRole.CHAMPION,
                            0,
                            keep.apply(active.modelJson()))
                });
    }
}
