package com.dataquality.dqs.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * The rules one tree of a LightGBM model text must follow before LightGBM's native code may read
 * it: the fields LightGBM knows, arrays exactly as long as the leaf count implies, child links that
 * form one tree, feature and category indices inside their tables, and finite numbers.
 *
 * <p>Why each rule: LightGBM reads most arrays by the count {@code num_leaves} announces, without
 * looking where the line ends, then walks the tree by the child indices and looks up features and
 * category bitsets by index, all unchecked. A short array, a child index out of range or a cycle is
 * a read outside its memory or a prediction that never ends, in the JVM's own process.
 */
final class LightGbmTreeCheck {

    /**
     * Most leaves in one tree: LightGBM's own upper bound of its {@code num_leaves} parameter, so
     * no tree it trains has more. Our trainer uses 15.
     */
    static final int MAX_LEAVES = 131_072;

    /**
     * Largest leaf value in magnitude. A pass-percentage forecast needs leaves of at most a few
     * hundred; 10^9 leaves room for any regression target while the sum over {@link
     * LightGbmTextCheck#MAX_TREES} trees stays below 10^13, so a prediction is always a finite
     * number (a sum that overflows to infinity can meet its opposite and become NaN, which no
     * clipping turns back into a forecast).
     */
    static final double MAX_LEAF_VALUE = 1e9;

    /**
     * Decision types LightGBM defines: bit 0 categorical, bit 1 default-left, bits 2-3 the missing
     * value type (0 none, 1 zero, 2 NaN; 3 is undefined).
     */
    static final int MAX_DECISION_TYPE = 11;

    private static final int CATEGORICAL = 1;

    /** The fields LightGBM 4 writes for a tree that is not linear. */
    static final Set<String> FIELDS =
            Set.of(
                    "num_leaves",
                    "num_cat",
                    "split_feature",
                    "split_gain",
                    "threshold",
                    "decision_type",
                    "left_child",
                    "right_child",
                    "leaf_value",
                    "leaf_weight",
                    "leaf_count",
                    "internal_value",
                    "internal_weight",
                    "internal_count",
                    "cat_boundaries",
                    "cat_threshold",
                    "is_linear",
                    "shrinkage");

    private final Map<String, String> fields;
    private final int features;

    private LightGbmTreeCheck(Map<String, String> fields, int features) {
        this.fields = fields;
        this.features = features;
    }

    /**
     * Checks one tree.
     *
     * @param fields the tree's {@code key=value} lines, each key one of {@link #FIELDS} and listed
     *     once
     * @param features how many features the model has
     * @throws InvalidModel naming the field and value at fault, without the tree's number
     */
    static void check(Map<String, String> fields, int features) throws InvalidModel {
        new LightGbmTreeCheck(fields, features).check();
    }

    private void check() throws InvalidModel {
        int leaves = (int) scalar("num_leaves", 1, MAX_LEAVES);
        int nodes = leaves - 1;
        int cats = (int) scalar("num_cat", 0, nodes);
        String linear = fields.get("is_linear");
        if (linear != null && !linear.equals("0")) {
            throw new InvalidModel(
                    "is_linear=" + TextTokens.shown(linear) + ": linear trees are not supported");
        }
        if (fields.containsKey("shrinkage")) {
            TextTokens.finite(fields.get("shrinkage"), Double.MAX_VALUE, "shrinkage");
        }
        doubles("leaf_value", leaves, true, MAX_LEAF_VALUE, false);
        doubles("leaf_weight", leaves, false, Double.MAX_VALUE, false);
        integers("leaf_count", leaves, false, 0, Integer.MAX_VALUE);

        boolean split = nodes > 0;
        integers("split_feature", nodes, split, 0, features - 1);
        // LightGBM writes inf for a split that sends every value one way and missing the other.
        double[] threshold = doubles("threshold", nodes, split, Double.MAX_VALUE, true);
        int[] left = integers("left_child", nodes, split, -leaves, nodes - 1);
        int[] right = integers("right_child", nodes, split, -leaves, nodes - 1);
        int[] decision = integers("decision_type", nodes, false, 0, MAX_DECISION_TYPE);
        doubles("split_gain", nodes, false, Float.MAX_VALUE, false); // read as a 32-bit float
        doubles("internal_value", nodes, false, Double.MAX_VALUE, false);
        doubles("internal_weight", nodes, false, Double.MAX_VALUE, false);
        integers("internal_count", nodes, false, 0, Integer.MAX_VALUE);

        if (split) {
            checkLinks(left, right, leaves);
        }
        checkCategories(cats, decision, threshold);
    }

    /**
     * Every node but the root and every leaf has exactly one parent, and every node is reachable
     * from the root: the links form one tree, so a prediction walks from the root to a leaf in at
     * most {@code num_leaves - 1} steps.
     */
    private static void checkLinks(int[] left, int[] right, int leaves) throws InvalidModel {
        int nodes = leaves - 1;
        boolean[] nodeHasParent = new boolean[nodes];
        boolean[] leafHasParent = new boolean[leaves];
        for (int n = 0; n < nodes; n++) {
            for (int child : new int[] {left[n], right[n]}) {
                if (child == 0) {
                    throw new InvalidModel("node " + n + " links back to the root node 0");
                }
                boolean[] seen = child > 0 ? nodeHasParent : leafHasParent;
                int index = child > 0 ? child : ~child;
                if (seen[index]) {
                    throw new InvalidModel(
                            (child > 0 ? "node " : "leaf ")
                                    + index
                                    + " has two parents (the child links do not form a tree)");
                }
                seen[index] = true;
            }
        }
        // Each node and leaf has at most one parent and the counts add up (2 links per node), so
        // each has exactly one; what is left to rule out is a cycle away from the root.
        int reached = 0;
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(0);
        while (!todo.isEmpty()) {
            int n = todo.pop();
            reached++;
            if (left[n] > 0) {
                todo.push(left[n]);
            }
            if (right[n] > 0) {
                todo.push(right[n]);
            }
        }
        if (reached != nodes) {
            throw new InvalidModel(
                    (nodes - reached)
                            + " of "
                            + nodes
                            + " nodes are not reachable from the root (a cycle)");
        }
    }

    /**
     * A categorical split's threshold is the index of its category bitset, and {@code
     * cat_boundaries} cut {@code cat_threshold} into those bitsets; LightGBM reads both by index
     * without a bound.
     */
    private void checkCategories(int cats, int[] decision, double[] threshold) throws InvalidModel {
        if (cats == 0) {
            for (String key : new String[] {"cat_boundaries", "cat_threshold"}) {
                if (fields.containsKey(key)) {
                    throw new InvalidModel(key + " in a tree with num_cat=0");
                }
            }
        } else {
            int[] bounds = integers("cat_boundaries", cats + 1, true, 0, Integer.MAX_VALUE);
            if (bounds[0] != 0) {
                throw new InvalidModel("cat_boundaries[0]=" + bounds[0] + ", expected 0");
            }
            for (int k = 1; k <= cats; k++) {
                if (bounds[k] < bounds[k - 1]) {
                    throw new InvalidModel("cat_boundaries decrease at index " + k);
                }
            }
            int words = TextTokens.list(required("cat_threshold")).length;
            if (words != bounds[cats]) {
                throw new InvalidModel(
                        "cat_threshold has "
                                + words
                                + " values, cat_boundaries end at "
                                + bounds[cats]);
            }
            integers("cat_threshold", words, true, 0, 0xFFFF_FFFFL);
        }
        if (decision == null) {
            return; // absent: every split is numerical
        }
        for (int n = 0; n < decision.length; n++) {
            if ((decision[n] & CATEGORICAL) == 0) {
                continue;
            }
            double t = threshold[n];
            if (cats == 0 || t != Math.rint(t) || t < 0 || t >= cats) {
                throw new InvalidModel(
                        "node "
                                + n
                                + " is a categorical split with threshold="
                                + t
                                + ", not a category set index below num_cat="
                                + cats);
            }
        }
    }

    private long scalar(String key, long min, long max) throws InvalidModel {
        return TextTokens.integer(required(key), min, max, key);
    }

    private String required(String key) throws InvalidModel {
        String v = fields.get(key);
        if (v == null) {
            throw new InvalidModel("no " + key);
        }
        return v;
    }

    /** The values of an array field, or null when it is optional and absent. */
    private String[] values(String key, int count, boolean required) throws InvalidModel {
        String v = required ? required(key) : fields.get(key);
        if (v == null) {
            return null;
        }
        String[] tokens = TextTokens.list(v);
        if (tokens.length != count) {
            String basis =
                    key.startsWith("cat_")
                            ? "num_cat=" + fields.get("num_cat")
                            : "num_leaves=" + fields.get("num_leaves");
            throw new InvalidModel(
                    key + " has " + tokens.length + " values, " + basis + " implies " + count);
        }
        return tokens;
    }

    private int[] integers(String key, int count, boolean required, long min, long max)
            throws InvalidModel {
        String[] tokens = values(key, count, required);
        if (tokens == null) {
            return null;
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            // cat_threshold words exceed int; they are only range-checked, never used here.
            out[i] = (int) TextTokens.integer(tokens[i], min, max, key, i);
        }
        return out;
    }

    private double[] doubles(
            String key, int count, boolean required, double maxMagnitude, boolean infinity)
            throws InvalidModel {
        String[] tokens = values(key, count, required);
        if (tokens == null) {
            return null;
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = TextTokens.number(tokens[i], maxMagnitude, infinity, key, i);
        }
        return out;
    }
}
