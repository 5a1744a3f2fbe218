package com.dataquality.dqs.record;

/**
 * A validated change to the models a running job serves, as broadcast to the forecast and drift
 * operators: a model to serve in a role, or an action on a served version. Built from a {@link
 * ModelUpdate} (a file in the models directory, a message on the models topic) once it has passed
 * validation, so every operator receives only what it can apply.
 *
 * @param action what to do
 * @param version the model version concerned
 * @param origin where the update came from (a path, a topic and offset), for logs
 * @param role with {@link Action#SERVE}: the role the model takes
 * @param share with {@link Action#SERVE} of a challenger or {@link Action#SPLIT}: the share of
 *     series (0 to 1) the challenger serves in an A/B split; 0 for shadow only
 * @param modelJson with {@link Action#SERVE}: the model document's bytes; null otherwise
 */
public record ModelCommand(
        Action action,
        String version,
        String origin,
        ModelRole role,
        double share,
        byte[] modelJson) {

    /** The actions on served models. */
    public enum Action {
        /** Serve this model in {@code role}; as champion, the old champion becomes a challenger. */
        SERVE,
        /** Make this challenger the champion; the champion becomes a challenger. */
        PROMOTE,
        /** Stop serving this challenger. */
        RETIRE,
        /** Set this challenger's A/B share. */
        SPLIT
    }

    /** A model to serve as champion: what a plain model file dropped into the models means. */
    public static ModelCommand champion(String version, String origin, byte[] modelJson) {
        return new ModelCommand(Action.SERVE, version, origin, ModelRole.CHAMPION, 0, modelJson);
    }
}
