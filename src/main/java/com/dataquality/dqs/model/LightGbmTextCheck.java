package com.dataquality.dqs.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a LightGBM model text in plain Java before any native code sees it.
 *
 * <p>LightGBM's loader trusts its input: it cuts the text into trees at the byte offsets the
 * header's {@code tree_sizes} announce, sizes its tables by {@code num_class} and {@code
 * num_tree_per_iteration}, and reads each tree's arrays by the counts the tree announces. A crafted
 * text therefore crashes or corrupts the JVM that loads it (a segmentation fault, an abort, memory
 * exhausted), on every restart of a job that replays it. So a text reaches LightGBM only when it
 * has the exact shape LightGBM writes for a model our scoring can use:
 *
 * <ul>
 *   <li>at most {@link #MAX_CHARS} characters, all printable ASCII with {@code \n} line ends
 *       (LightGBM counts bytes, we count characters: only for ASCII are they the same);
 *   <li>a header of the keys LightGBM writes, each once: {@code tree}, {@code version=v4}, {@code
 *       num_class=1}, {@code num_tree_per_iteration=1} (one regression output), {@code
 *       max_feature_idx} and {@code feature_names} matching the model's feature list, {@code
 *       feature_infos} (and optional {@code monotone_constraints}) with one entry per feature, an
 *       {@code objective} in {@link #OBJECTIVES}, and {@code tree_sizes};
 *   <li>1 to {@link #MAX_TREES} blocks {@code Tree=0}, {@code Tree=1}, ..., each exactly as long as
 *       its entry in {@code tree_sizes}, each a tree that passes {@link LightGbmTreeCheck}, then
 *       {@code end of trees};
 *   <li>after them only what LightGBM writes there: feature importances, the parameters section
 *       (with {@code linear_tree} off) and Python's {@code pandas_categorical} line.
 * </ul>
 *
 * <p>Cost: one pass over the text, about a millisecond for a model of our trainer (see the
 * measurement in the test); it runs when a model arrives, never per record.
 */
final class LightGbmTextCheck {

    /**
     * Longest text: the models topic's message limit (16 MiB). Our trainer's models are tens of
     * kilobytes; a text that could not travel on the topic is not one we produce.
     */
    static final int MAX_CHARS = 16 << 20;

    /**
     * Most trees. Our trainer stops at {@link Trainer#MAX_ITERATIONS}; the limit bounds load time
     * and keeps the sum of leaf values finite (see {@link LightGbmTreeCheck#MAX_LEAF_VALUE}).
     */
    static final int MAX_TREES = 10_000;

    /**
     * Objectives whose prediction is the raw sum of the trees (or its signed square with {@code
     * sqrt}): LightGBM's regression family without a log link. Poisson, gamma and tweedie are left
     * out: our trainer never writes them and their {@code exp} output overflows easily.
     */
    static final List<String> OBJECTIVES =
            List.of("regression", "regression_l1", "huber", "fair", "quantile", "mape");

    private static final Set<String> HEADER_KEYS =
            Set.of(
                    "version",
                    "num_class",
                    "num_tree_per_iteration",
                    "label_index",
                    "max_feature_idx",
                    "objective",
                    "feature_names",
                    "monotone_constraints",
                    "feature_infos",
                    "tree_sizes");
    private static final String AVERAGE_OUTPUT = "average_output";
    private static final String TREE = "Tree=";
    private static final String END_OF_TREES = "end of trees";

    private final String text;
    private final List<String> features;
    private int pos;

    private LightGbmTextCheck(String text, List<String> features) {
        this.text = text;
        this.features = features;
    }

    /**
     * Checks a model text against the model's feature list.
     *
     * @throws InvalidModel starting {@code LightGBM text: } and naming the first rule broken
     */
    static void check(String text, List<String> features) throws InvalidModel {
        try {
            new LightGbmTextCheck(text, features).check();
        } catch (InvalidModel e) {
            throw new InvalidModel("LightGBM text: " + e.getMessage());
        }
    }

    private void check() throws InvalidModel {
        checkCharacters();
        long[] sizes = header();
        int trees = trees(sizes);
        if (trees != sizes.length) {
            throw new InvalidModel(
                    "tree_sizes lists "
                            + sizes.length
                            + " sizes, the text has "
                            + trees
                            + " trees");
        }
        tail();
    }

    private void checkCharacters() throws InvalidModel {
        if (text == null || text.isEmpty()) {
            throw new InvalidModel("empty");
        }
        if (text.length() > MAX_CHARS) {
            throw new InvalidModel(text.length() + " characters exceed " + MAX_CHARS);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && (c < ' ' || c > '~')) {
                throw new InvalidModel(
                        String.format(
                                "character U+%04X at offset %d (only printable ASCII and \\n)",
                                (int) c, i));
            }
        }
    }

    /** Reads the header up to the first tree and returns {@code tree_sizes}. */
    private long[] header() throws InvalidModel {
        String first = more() ? next() : "";
        if (!first.equals("tree")) {
            throw new InvalidModel("first line is '" + TextTokens.shown(first) + "', not 'tree'");
        }
        Map<String, String> header = new HashMap<>();
        while (more() && !peek().startsWith(TREE)) {
            String line = next();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            boolean known = eq < 0 ? key.equals(AVERAGE_OUTPUT) : HEADER_KEYS.contains(key);
            if (!known || line.indexOf('=', eq + 1) > 0) {
                throw new InvalidModel("unexpected header line '" + TextTokens.shown(line) + "'");
            }
            if (header.put(key, eq < 0 ? "" : line.substring(eq + 1)) != null) {
                throw new InvalidModel("header line " + key + " appears twice");
            }
        }
        expect(header, "version", "v4", "the format LightGBM 4 writes");
        expect(header, "num_class", "1", "a regression has one class");
        expect(header, "num_tree_per_iteration", "1", "a regression has one tree per iteration");
        TextTokens.integer(required(header, "label_index"), 0, Integer.MAX_VALUE, "label_index");
        int n = features.size();
        expect(
                header,
                "max_feature_idx",
                String.valueOf(n - 1),
                "the model has " + n + " features");
        String objective = required(header, "objective");
        String sqrt = " sqrt";
        String base =
                objective.endsWith(sqrt)
                        ? objective.substring(0, objective.length() - sqrt.length())
                        : objective;
        if (!OBJECTIVES.contains(base)) {
            throw new InvalidModel(
                    "objective="
                            + TextTokens.shown(objective)
                            + " is not a supported regression objective "
                            + OBJECTIVES);
        }
        if (!Arrays.asList(TextTokens.list(required(header, "feature_names"))).equals(features)) {
            throw new InvalidModel("feature_names differ from the model's features " + features);
        }
        checkFeatureInfos(TextTokens.list(required(header, "feature_infos")));
        if (header.containsKey("monotone_constraints")) {
            String[] c = perFeature(header.get("monotone_constraints"), "monotone_constraints");
            for (int i = 0; i < c.length; i++) {
                TextTokens.integer(c[i], -1, 1, "monotone_constraints", i);
            }
        }
        String[] sizes = TextTokens.list(required(header, "tree_sizes"));
        if (sizes.length > MAX_TREES) {
            throw new InvalidModel(
                    "tree_sizes lists " + sizes.length + " trees, more than " + MAX_TREES);
        }
        long[] out = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            out[i] = TextTokens.integer(sizes[i], 1, MAX_CHARS, "tree_sizes", i);
        }
        return out;
    }

    /**
     * Reads the tree blocks and {@code end of trees}; returns how many trees there were. A block
     * runs from its {@code Tree=} line to the next one (or to {@code end of trees}), which is
     * exactly the slice LightGBM takes when the sizes agree.
     */
    private int trees(long[] sizes) throws InvalidModel {
        int index = 0;
        while (true) {
            if (!more()) {
                throw new InvalidModel("no '" + END_OF_TREES + "' line");
            }
            int start = pos;
            String line = next();
            if (line.equals(END_OF_TREES)) {
                if (index == 0) {
                    throw new InvalidModel("no trees");
                }
                return index;
            }
            if (!line.equals(TREE + index)) {
                throw new InvalidModel(
                        "expected '" + TREE + index + "', found '" + TextTokens.shown(line) + "'");
            }
            if (index == MAX_TREES) {
                throw new InvalidModel("more than " + MAX_TREES + " trees");
            }
            try {
                Map<String, String> fields = treeFields();
                LightGbmTreeCheck.check(fields, features.size());
                long size = pos - start;
                if (index < sizes.length && sizes[index] != size) {
                    throw new InvalidModel(
                            "tree_sizes says " + sizes[index] + " bytes, the block has " + size);
                }
            } catch (InvalidModel e) {
                throw new InvalidModel("tree " + index + ": " + e.getMessage());
            }
            index++;
        }
    }

    /**
     * A tree's {@code key=value} lines up to the blank line that ends them, then any further blank
     * lines (part of the block). LightGBM reads at most 22 such lines, each up to its first {@code
     * =}; known keys, each once, keep us below that and give each line one meaning.
     */
    private Map<String, String> treeFields() throws InvalidModel {
        Map<String, String> fields = new LinkedHashMap<>();
        while (true) {
            if (!more()) {
                throw new InvalidModel("the text ends inside the tree");
            }
            String line = next();
            if (line.isEmpty()) {
                break;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            if (eq < 0 || !LightGbmTreeCheck.FIELDS.contains(key)) {
                throw new InvalidModel("unexpected line '" + TextTokens.shown(line) + "'");
            }
            if (fields.put(key, line.substring(eq + 1)) != null) {
                throw new InvalidModel(key + " appears twice");
            }
        }
        while (more() && peek().isEmpty()) {
            next();
        }
        return fields;
    }

    /**
     * What follows the trees, in the order LightGBM writes it. LightGBM reads the parameters
     * section (it switches linear trees on from there) and ignores the rest; anything else here is
     * not a text LightGBM wrote.
     */
    private void tail() throws InvalidModel {
        skipBlankLines();
        if (more() && peek().equals("feature_importances:")) {
            next();
            while (more() && !peek().isEmpty()) {
                String line = next();
                int eq = line.indexOf('=');
                if (eq < 0 || !features.contains(line.substring(0, eq))) {
                    throw new InvalidModel(
                            "unexpected feature importance '" + TextTokens.shown(line) + "'");
                }
                TextTokens.integer(
                        line.substring(eq + 1), 0, Long.MAX_VALUE, line.substring(0, eq));
            }
        }
        skipBlankLines();
        if (more() && peek().equals("parameters:")) {
            next();
            parameters();
        }
        skipBlankLines();
        if (more() && peek().startsWith("pandas_categorical:")) {
            next();
        }
        skipBlankLines();
        if (more()) {
            throw new InvalidModel(
                    "unexpected line after the trees '" + TextTokens.shown(peek()) + "'");
        }
    }

    private void parameters() throws InvalidModel {
        while (more()) {
            String line = next();
            if (line.equals("end of parameters")) {
                return;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("[") || !line.endsWith("]") || !line.contains(": ")) {
                throw new InvalidModel(
                        "unexpected parameter line '" + TextTokens.shown(line) + "'");
            }
            if (line.startsWith("[linear_tree: ") && !line.equals("[linear_tree: 0]")) {
                throw new InvalidModel(TextTokens.shown(line) + ": linear trees are not supported");
            }
        }
        throw new InvalidModel("no 'end of parameters' line");
    }

    /**
     * Per feature: {@code none}, a numerical range {@code [min:max]}, or the categories seen {@code
     * c1:c2:...}. LightGBM only prints them, but a count mismatch is a wrong model.
     */
    private void checkFeatureInfos(String[] infos) throws InvalidModel {
        checkCount(infos, "feature_infos");
        for (int i = 0; i < infos.length; i++) {
            String info = infos[i];
            String key = "feature_infos";
            if (info.equals("none")) {
                continue;
            }
            if (info.startsWith("[") && info.endsWith("]")) {
                String[] range = info.substring(1, info.length() - 1).split(":", -1);
                if (range.length != 2) {
                    throw new InvalidModel(
                            key + "[" + i + "]=" + TextTokens.shown(info) + " is no range");
                }
                for (String bound : range) {
                    TextTokens.number(bound, Double.MAX_VALUE, true, key, i);
                }
            } else {
                for (String category : info.split(":", -1)) {
                    TextTokens.integer(category, Integer.MIN_VALUE, Integer.MAX_VALUE, key, i);
                }
            }
        }
    }

    private String[] perFeature(String value, String key) throws InvalidModel {
        String[] tokens = TextTokens.list(value);
        checkCount(tokens, key);
        return tokens;
    }

    private void checkCount(String[] tokens, String key) throws InvalidModel {
        if (tokens.length != features.size()) {
            throw new InvalidModel(
                    key
                            + " has "
                            + tokens.length
                            + " entries for "
                            + features.size()
                            + " features");
        }
    }

    private static String required(Map<String, String> header, String key) throws InvalidModel {
        String v = header.get(key);
        if (v == null) {
            throw new InvalidModel("no " + key + " in the header");
        }
        return v;
    }

    private static void expect(Map<String, String> header, String key, String value, String why)
            throws InvalidModel {
        String v = required(header, key);
        if (!v.equals(value)) {
            throw new InvalidModel(
                    key + "=" + TextTokens.shown(v) + ", expected " + value + " (" + why + ")");
        }
    }

    private boolean more() {
        return pos < text.length();
    }

    /** The next line without its {@code \n}; the last line may lack one. */
    private String peek() {
        int end = text.indexOf('\n', pos);
        return text.substring(pos, end < 0 ? text.length() : end);
    }

    private String next() {
        String line = peek();
        pos = Math.min(text.length(), pos + line.length() + 1);
        return line;
    }

    private void skipBlankLines() {
        while (more() && peek().isEmpty()) {
            next();
        }
    }
}
