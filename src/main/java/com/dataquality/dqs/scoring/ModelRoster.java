package com.dataquality.dqs.scoring;

import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The models a job serves: at most one champion and any number of challengers, and the run that
 * last changed them. Immutable; every change returns a new roster, and every parallel instance
 * computes the same one from the same commands, as broadcast state requires.
 *
 * <p>{@code run} tells a restart of the same run (a failover: the roster stands as it was) from a
 * new run started from a savepoint with {@code --model} (that model replaces the champion once).
 *
 * @param run the id of the run that last changed the roster
 * @param models the champion first (when there is one), then the challengers in arrival order
 */
public record ModelRoster(String run, ServedModel[] models) {

    /** Challengers kept at most: each costs a native booster per task and a forecast per series. */
    public static final int MAX_CHALLENGERS = 4;

    public static ModelRoster empty(String run) {
        return new ModelRoster(run, new ServedModel[0]);
    }

    public ServedModel champion() {
        return models.length > 0 && models[0].role() == ModelRole.CHAMPION ? models[0] : null;
    }

    public List<ServedModel> challengers() {
        List<ServedModel> out = new ArrayList<>();
        for (ServedModel m : models) {
            if (m.role() == ModelRole.CHALLENGER) {
                out.add(m);
            }
        }
        return out;
    }

    public ServedModel find(String version) {
        for (ServedModel m : models) {
            if (m.version().equals(version)) {
                return m;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return models.length == 0;
    }

    /**
     * This roster as of {@code newRun}, with {@code champion} replacing its champion (the model a
     * new run is started with: the restored champion goes).
     */
    public ModelRoster withChampion(ServedModel champion, String newRun) {
        List<ServedModel> rest = new ArrayList<>();
        for (ServedModel m : models) {
            if (m.role() == ModelRole.CHALLENGER && !m.version().equals(champion.version())) {
                rest.add(m);
            }
        }
        return of(newRun, champion.withRole(ModelRole.CHAMPION, 0), rest);
    }

    /**
     * The roster after a command, or this one when the command changes nothing (a version already
     * served in that role, an action on a version not served): the reason goes to {@code why}.
     */
    public ModelRoster apply(ModelCommand c, String newRun, StringBuilder why) {
        ServedModel current = find(c.version());
        switch (c.action()) {
            case SERVE -> {
                ServedModel m =
                        new ServedModel(
                                c.version(), c.origin(), c.role(), c.share(), c.modelJson());
                if (c.role() == ModelRole.CHAMPION) {
                    if (current != null && current.role() == ModelRole.CHAMPION) {
                        why.append("already the champion");
                        return this;
                    }
                    return crowned(m, newRun);
                }
                if (current != null) {
                    why.append("already served as ").append(current.role().label());
                    return this;
                }
                List<ServedModel> challengers = challengers();
                challengers.add(m);
                while (challengers.size() > MAX_CHALLENGERS) {
                    challengers.remove(0); // the oldest challenger makes room
                }
                return of(newRun, champion(), challengers);
            }
            case PROMOTE -> {
                if (current == null || current.role() != ModelRole.CHALLENGER) {
                    why.append("not a challenger");
                    return this;
                }
                return crowned(current, newRun);
            }
            case RETIRE -> {
                if (current == null || current.role() != ModelRole.CHALLENGER) {
                    why.append("not a challenger");
                    return this;
                }
                List<ServedModel> challengers = new ArrayList<>(challengers());
                challengers.removeIf(m -> m.version().equals(c.version()));
                return of(newRun, champion(), challengers);
            }
            case SPLIT -> {
                if (current == null || current.role() != ModelRole.CHALLENGER) {
                    why.append("not a challenger");
                    return this;
                }
                List<ServedModel> challengers = new ArrayList<>();
                for (ServedModel m : challengers()) {
                    challengers.add(
                            m.version().equals(c.version())
                                    ? m.withRole(ModelRole.CHALLENGER, c.share())
                                    : m);
                }
                return of(newRun, champion(), challengers);
            }
            default -> throw new IllegalArgumentException("unknown action " + c.action());
        }
    }

    /**
     * This roster with {@code m} as champion and the old champion kept as a shadow challenger: a
     * rollback is one promotion away, and the comparison goes on in the other direction.
     */
    private ModelRoster crowned(ServedModel m, String newRun) {
        ServedModel old = champion();
        List<ServedModel> challengers = new ArrayList<>(challengers());
        challengers.removeIf(x -> x.version().equals(m.version()));
        if (old != null && !old.version().equals(m.version())) {
            challengers.add(old.withRole(ModelRole.CHALLENGER, 0));
        }
        while (challengers.size() > MAX_CHALLENGERS) {
            challengers.remove(0);
        }
        return of(newRun, m.withRole(ModelRole.CHAMPION, 0), challengers);
    }

    private static ModelRoster of(String run, ServedModel champion, List<ServedModel> challengers) {
        List<ServedModel> all = new ArrayList<>();
        if (champion != null) {
            all.add(champion);
        }
        all.addAll(challengers);
        return new ModelRoster(run, all.toArray(ServedModel[]::new));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelRoster r
                && java.util.Objects.equals(run, r.run)
                && Arrays.equals(models, r.models);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(models);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ModelRoster[run=").append(run);
        for (ServedModel m : models) {
            s.append(", ").append(m.role().label()).append(' ').append(m.version());
        }
        return s.append(']').toString();
    }
}
