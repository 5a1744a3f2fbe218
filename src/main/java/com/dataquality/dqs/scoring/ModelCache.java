package com.dataquality.dqs.scoring;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.model.ModelFile;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One task's native scorers, derived from the roster in broadcast state: one per served version,
 * built when a version first serves and closed (freeing the native booster) when it no longer does.
 * Only this cache may live in a transient field; the models themselves live in state.
 */
final class ModelCache implements AutoCloseable {
    private final Map<String, Scorer> scorers = new HashMap<>();
    private final Map<String, String> unloadable = new HashMap<>();
    private ModelRoster synced;

    /**
     * Makes the cache match the roster: scorers for its versions, none for others. A version whose
     * model does not load is reported once to {@code rejected} and skipped (the others serve).
     */
    void sync(ModelRoster roster, Consumer<String> rejected) {
        if (roster == synced) {
            return;
        }
        Map<String, ServedModel> wanted = new HashMap<>();
        for (ServedModel m : roster.models()) {
            wanted.put(m.version(), m);
        }
        Iterator<Map.Entry<String, Scorer>> it = scorers.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Scorer> e = it.next();
            if (!wanted.containsKey(e.getKey())) {
                e.getValue().close();
                it.remove();
            }
        }
        for (ServedModel m : wanted.values()) {
            if (scorers.containsKey(m.version()) || unloadable.containsKey(m.version())) {
                continue;
            }
            try {
                scorers.put(m.version(), load(m));
            } catch (InputException | IllegalStateException e) {
                unloadable.put(m.version(), e.getMessage());
                rejected.accept(m.version() + " from " + m.origin() + ": " + e.getMessage());
            }
        }
        synced = roster;
    }

    /** The scorer of a served version, or null when it does not load. */
    Scorer scorer(String version) {
        return scorers.get(version);
    }

    /**
     * Parses, validates and loads a model into LightGBM: throws {@code InputException} with a
     * one-line reason for anything unusable.
     */
    static Scorer load(ServedModel m) {
        return new Scorer(ModelFile.parse(m.modelJson(), m.origin()));
    }

    @Override
    public void close() {
        scorers.values().forEach(Scorer::close);
        scorers.clear();
        synced = null;
    }
}
