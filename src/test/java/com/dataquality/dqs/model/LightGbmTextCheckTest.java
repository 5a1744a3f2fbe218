package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of {@link LightGbmTextCheck} and {@link LightGbmTreeCheck}: a real model of our
 * trainer, edited to break exactly that rule, is rejected through {@link ModelFile#parse} with one
 * line naming it. Every text here goes through the same path as a model from the topic, so a rule
 * that failed to reject would hand the text to LightGBM's native loader; for the crafted cases that
 * crashes the test JVM, which fails the build.
 */
class LightGbmTextCheckTest {

    private static ForecastModel base;
    private static ModelText text;

    /** A tree with 15 leaves and categorical splits, where every array rule can be broken. */
    private static int big;

    @BeforeAll
    static void train() {
        base = TestModels.medium();
        text = ModelText.of(base.lightgbmModel());
        big = text.treeWith(15, true);
    }

    @Test
    void theTrainersTextIsAcceptedAndTheEditorRendersItUnchanged() {
        assertEquals(base.lightgbmModel(), text.render());
        assertEquals(base.lightgbmModel(), text.renderKeepingSizes());
        assertEquals(base.version(), ModelFile.parse(document(text.render()), "m").version());
    }

    // The four crafted models of the adversarial test.

    @Test
    void treeSizesPointingFarBeyondTheTextAreRejected() {
        String sizes = text.header("tree_sizes").replaceFirst("^\\d+", "999999999999");
        assertRejected(
                text.header("tree_sizes", sizes).renderKeepingSizes(),
                "LightGBM text: tree_sizes[0]=999999999999 exceeds 16777216");
    }

    @Test
    void billionsOfLeavesAreRejected() {
        assertRejected(
                text.field(big, "num_leaves", "2000000000").renderKeepingSizes(),
                "LightGBM text: tree " + big + ": num_leaves=2000000000 exceeds 131072");
        assertRejected(
                text.field(big, "num_leaves", "2e9").render(),
                "tree " + big + ": num_leaves=2e9 is not an integer");
    }

    @Test
    void aBillionTreesPerIterationAreRejected() {
        assertRejected(
                text.header("num_tree_per_iteration", "1000000000").render(),
                "num_tree_per_iteration=1000000000, expected 1");
    }

    @Test
    void billionsOfClassesAreRejected() {
        assertRejected(
                text.header("num_class", "2000000000").render(),
                "num_class=2000000000, expected 1");
    }

    // Characters and size.

    @Test
    void onlyPrintableAsciiWithNewlinesIsAccepted() {
        String t = base.lightgbmModel();
        int at = t.indexOf("Tree=3");
        assertRejected(t.substring(0, at) + "\0" + t.substring(at), "character U+0000 at offset");
        assertRejected(t.replace("version=v4", "version=v4\u00e9"), "character U+00E9");
        assertRejected(t.replace("\n", "\r\n"), "character U+000D at offset 4 ");
    }

    @Test
    void aTextAboveSixteenMebibytesIsRejectedBeforeItIsRead() {
        String huge = base.lightgbmModel() + "x".repeat(LightGbmTextCheck.MAX_CHARS);
        InvalidModel e =
                assertThrows(
                        InvalidModel.class, () -> LightGbmTextCheck.check(huge, base.features()));
        assertTrue(e.getMessage().endsWith("characters exceed 16777216"), e.getMessage());
    }

    // The header.

    @Test
    void headerMustBeLightGbmFourRegressionHeader() {
        assertRejected(text.header("version", "v3").render(), "version=v3, expected v4");
        assertRejected(
                "tree2\n" + text.render().substring("tree\n".length()),
                "first line is 'tree2', not 'tree'");
        assertRejected(text.headerLine("foo=bar").render(), "unexpected header line 'foo=bar'");
        assertRejected(text.headerLine("num_class=1").render(), "num_class appears twice");
        assertRejected(text.headerLine("version=v4=1").render(), "unexpected header line");
        assertRejected(text.header("objective", null).render(), "no objective in the header");
        assertRejected(
                text.header("tree_sizes", null).renderKeepingSizes(),
                "no tree_sizes in the header");
        assertRejected(text.header("label_index", "-1").render(), "label_index=-1 is below 0");
    }

    @Test
    void objectiveMustBeARegressionWithoutLogLink() {
        for (String bad : List.of("binary sigmoid:1", "multiclass num_class:3", "poisson", "")) {
            assertRejected(text.header("objective", bad).render(), "is not a supported regression");
        }
        for (String good :
                List.of("regression", "regression sqrt", "regression_l1", "huber", "quantile")) {
            ModelFile.parse(document(text.header("objective", good).render()), good);
        }
    }

    @Test
    void featuresMustBeTheModelsFeatures() {
        int n = base.features().size();
        assertRejected(
                text.header("max_feature_idx", "" + n).render(),
                "max_feature_idx=" + n + ", expected " + (n - 1) + " (the model has " + n);
        List<String> swapped = new java.util.ArrayList<>(base.features());
        Collections.swap(swapped, 0, 1);
        assertRejected(
                text.header("feature_names", String.join(" ", swapped)).render(),
                "feature_names differ");
        assertRejected(
                text.header("feature_infos", text.header("feature_infos") + " none").render(),
                "feature_infos has " + (n + 1) + " entries for " + n + " features");
        assertRejected(
                text.header(
                                "feature_infos",
                                text.header("feature_infos").replaceFirst("^\\S+", "[1:x]"))
                        .render(),
                "feature_infos[0]=x is not a finite decimal number");
        assertRejected(
                text.header(
                                "feature_infos",
                                text.header("feature_infos").replaceFirst("^\\S+", "1:a"))
                        .render(),
                "feature_infos[0]=a is not an integer");
        assertRejected(
                text.header("monotone_constraints", "0 ".repeat(n - 1) + "2").render(),
                "monotone_constraints[" + (n - 1) + "]=2 exceeds 1");
    }

    @Test
    void treeSizesMustBeTheBlocksByteLengths() {
        String sizes = text.header("tree_sizes");
        int first = Integer.parseInt(sizes.substring(0, sizes.indexOf(' ')));
        assertRejected(
                text.header("tree_sizes", (first + 1) + sizes.substring(sizes.indexOf(' ')))
                        .renderKeepingSizes(),
                "tree 0: tree_sizes says " + (first + 1) + " bytes, the block has " + first);
        assertRejected(
                text.header("tree_sizes", sizes.substring(sizes.indexOf(' ') + 1))
                        .renderKeepingSizes(),
                "tree_sizes");
        assertRejected(
                text.header("tree_sizes", sizes + " 300").renderKeepingSizes(),
                "tree_sizes lists " + (text.trees() + 1) + " sizes, the text has " + text.trees());
        assertRejected(
                text.header("tree_sizes", sizes.replace(' ', ',')).renderKeepingSizes(),
                "is not an integer");
    }

    @Test
    void atMostTenThousandTrees() {
        String many = String.join(" ", Collections.nCopies(10_001, "300"));
        assertRejected(
                text.header("tree_sizes", many).renderKeepingSizes(),
                "tree_sizes lists 10001 trees, more than 10000");
        // Blocks beyond the limit are refused while reading, whatever tree_sizes says.
        String oneLeaf = "Tree=%d\nnum_leaves=1\nnum_cat=0\nleaf_value=1\nshrinkage=1\n\n\n";
        StringBuilder t = new StringBuilder();
        t.append(text.render(), 0, text.render().indexOf("Tree=0"));
        for (int i = 0; i <= LightGbmTextCheck.MAX_TREES; i++) {
            t.append(String.format(oneLeaf, i));
        }
        // tree_sizes lists the first 10,000 blocks only, so that the header passes.
        String manyTrees =
                ModelText.withMatchingSizes(t.append("end of trees\n").toString())
                        .replaceFirst(" [0-9]+\n\n", "\n\n");
        InvalidModel e =
                assertThrows(
                        InvalidModel.class,
                        () -> LightGbmTextCheck.check(manyTrees, base.features()));
        assertTrue(e.getMessage().contains("more than 10000 tr"), e.getMessage());
    }

    // The blocks.

    @Test
    void treesMustBeNumberedBlocksEndedByABlankLineThenEndOfTrees() {
        String t = text.render();
        assertRejected(t.replace("Tree=1\n", "Tree=7\n"), "expected 'Tree=1', found 'Tree=7'");
        assertRejected(
                ModelText.withMatchingSizes(t.replace("\nshrinkage=1\n\n\n", "\nshrinkage=1\n")),
                "unexpected line 'Tree=1'");
        assertRejected(t.substring(0, t.indexOf("end of trees")), "no 'end of trees' line");
        assertRejected(
                t.substring(0, t.indexOf("Tree=1") - 4), "tree 0: the text ends inside the tree");
        assertRejected(
                t.substring(0, t.indexOf("Tree=0")) + "end of trees\n",
                "unexpected header line 'end of trees'");
    }

    @Test
    void treeFieldsAreLightGbmsAndAppearOnce() {
        assertRejected(
                text.treeLine(big, "foo=1").render(), "tree " + big + ": unexpected line 'foo=1'");
        assertRejected(text.treeLine(big, "no equals sign").render(), "unexpected line");
        assertRejected(text.treeLine(big, "num_cat=0").render(), "num_cat appears twice");
        assertRejected(text.field(big, "leaf_value", null).render(), ": no leaf_value");
        assertRejected(text.field(big, "left_child", null).render(), ": no left_child");
        assertRejected(text.field(big, "num_cat", null).render(), ": no num_cat");
        assertRejected(
                text.field(big, "is_linear", "1").render(), "is_linear=1: linear trees are not");
    }

    @Test
    void leafCountIsBounded() {
        assertRejected(text.field(big, "num_leaves", "0").render(), "num_leaves=0 is below 1");
        assertRejected(
                text.field(big, "num_leaves", "131073").render(), "num_leaves=131073 exceeds");
        assertRejected(text.field(big, "num_cat", "15").render(), "num_cat=15 exceeds 14");
    }

    @Test
    void arraysHaveTheLengthsTheLeafCountImplies() {
        for (String key :
                List.of(
                        "split_feature",
                        "split_gain",
                        "threshold",
                        "decision_type",
                        "left_child",
                        "right_child",
                        "internal_value",
                        "internal_weight",
                        "internal_count")) {
            String v = text.field(big, key);
            assertRejected(
                    text.field(big, key, v.substring(0, v.lastIndexOf(' '))).render(),
                    key + " has 13 values, num_leaves=15 implies 14");
            assertRejected(
                    text.field(big, key, v + " 0").render(),
                    key + " has 15 values, num_leaves=15 implies 14");
        }
        for (String key : List.of("leaf_value", "leaf_weight", "leaf_count")) {
            String v = text.field(big, key);
            assertRejected(
                    text.field(big, key, v.substring(0, v.lastIndexOf(' '))).render(),
                    key + " has 14 values, num_leaves=15 implies 15");
        }
        assertRejected(
                text.field(big, "leaf_value", text.field(big, "leaf_value").replace(' ', ','))
                        .render(),
                "leaf_value has 1 values");
        assertRejected(
                text.field(big, "leaf_value", text.field(big, "leaf_value").replace(" ", "  "))
                        .render(),
                "leaf_value has 29 values");
    }

    @Test
    void numbersAreFiniteDecimals() {
        for (String bad :
                List.of("nan", "NaN", "inf", "-inf", "Infinity", "1e400", "0x1p3", "1.", "+1")) {
            assertRejected(
                    withFirst(big, "leaf_value", bad),
                    "leaf_value[0]=" + bad + " is not a finite decimal number");
        }
        assertRejected(withFirst(big, "threshold", "nan"), "threshold[0]=nan is not a finite");
        assertRejected(withFirst(big, "split_gain", "1e39"), "split_gain[0]=1e39 exceeds");
        assertRejected(withFirst(big, "left_child", "1.5"), "left_child[0]=1.5 is not an integer");
        assertRejected(
                text.field(big, "shrinkage", "inf").render(), "shrinkage=inf is not a finite");
    }

    @Test
    void aNumericalSplitMayHaveAnInfiniteThresholdAsLightGbmWritesIt() {
        int node = firstNode(big, false);
        for (String inf : List.of("inf", "-inf")) {
            ModelFile.parse(document(withNode(big, "threshold", node, inf)), inf);
        }
        int categorical = firstNode(big, true);
        assertRejected(
                withNode(big, "threshold", categorical, "inf"),
                "node " + categorical + " is a categorical split with threshold=Infinity");
    }

    @Test
    void leafValuesAreBoundedSoThatPredictionsStayFinite() {
        assertRejected(
                withFirst(big, "leaf_value", "1e300"),
                "leaf_value[0]=1e300 exceeds 1.0E9 in magnitude");
        assertRejected(withFirst(big, "leaf_value", "-1.5e9"), "leaf_value[0]=-1.5e9 exceeds");
        ModelFile.parse(document(withFirst(big, "leaf_value", "-999999999")), "at the limit");
    }

    @Test
    void splitsUseExistingFeaturesAndKnownDecisionTypes() {
        int n = base.features().size();
        assertRejected(
                withFirst(big, "split_feature", "" + n),
                "split_feature[0]=" + n + " exceeds " + (n - 1));
        assertRejected(withFirst(big, "split_feature", "-1"), "split_feature[0]=-1 is below 0");
        assertRejected(withFirst(big, "decision_type", "12"), "decision_type[0]=12 exceeds 11");
        assertRejected(withFirst(big, "decision_type", "-128"), "is below 0");
    }

    @Test
    void childLinksFormOneTree() {
        String left = text.field(big, "left_child");
        String right = text.field(big, "right_child");
        String firstRight = right.split(" ")[0];
        assertRejected(withFirst(big, "left_child", firstRight), "has two parents");
        assertRejected(withFirst(big, "left_child", "0"), "node 0 links back to the root");
        assertRejected(withFirst(big, "left_child", "14"), "left_child[0]=14 exceeds 13");
        assertRejected(withFirst(big, "right_child", "-16"), "right_child[0]=-16 is below -15");
        // Swapping the two subtrees of every node still forms a tree.
        ModelFile.parse(
                document(
                        text.field(big, "left_child", right)
                                .field(big, "right_child", left)
                                .render()),
                "mirrored");
    }

    @Test
    void categoricalSplitsPointAtExistingCategorySets() {
        int cats = Integer.parseInt(text.field(big, "num_cat"));
        int node = firstCategoricalNode(big);
        String[] thresholds = text.field(big, "threshold").split(" ");
        thresholds[node] = String.valueOf(cats);
        assertRejected(
                text.field(big, "threshold", String.join(" ", thresholds)).render(),
                "node " + node + " is a categorical split with threshold=" + cats + ".0");
        thresholds[node] = "0.5";
        assertRejected(
                text.field(big, "threshold", String.join(" ", thresholds)).render(),
                "is a categorical split with threshold=0.5");
        String bounds = text.field(big, "cat_boundaries");
        assertRejected(
                text.field(big, "cat_boundaries", "1" + bounds.substring(1)).render(),
                "cat_boundaries[0]=1, expected 0");
        assertRejected(
                text.field(big, "cat_boundaries", bounds + " 0").render(),
                "cat_boundaries has " + (cats + 2) + " values, num_cat=" + cats + " implies");
        assertRejected(
                text.field(big, "cat_threshold", text.field(big, "cat_threshold") + " 1").render(),
                "cat_threshold has");
        assertRejected(
                text.field(big, "cat_threshold", "4294967296 " + text.field(big, "cat_threshold"))
                        .field(big, "cat_boundaries", bumpLast(bounds))
                        .render(),
                "cat_threshold[0]=4294967296 exceeds 4294967295");
        assertRejected(
                text.field(big, "num_cat", "0").render(),
                "cat_boundaries in a tree with num_cat=0");
        assertRejected(
                text.field(big, "num_cat", "0")
                        .field(big, "cat_boundaries", null)
                        .field(big, "cat_threshold", null)
                        .render(),
                "is a categorical split with threshold=");
    }

    // After the trees.

    @Test
    void onlyImportancesParametersAndPandasLineFollowTheTrees() {
        String tail = text.tail();
        assertRejected(
                text.tail(tail + "something else\n").render(),
                "unexpected line after the trees 'something else'");
        assertRejected(
                text.tail(tail + "\nparser:\n{}\nend of parser\n").render(),
                "unexpected line after the trees 'parser:'");
        assertRejected(
                text.tail(tail.replace("[linear_tree: 0]", "[linear_tree: 1]")).render(),
                "[linear_tree: 1]: linear trees are not supported");
        assertRejected(
                text.tail(tail.replace("end of parameters\n", "")).render(),
                "no 'end of parameters' line");
        assertRejected(
                text.tail(tail.replace("[max_bin: 255]", "max_bin=255")).render(),
                "unexpected parameter line 'max_bin=255'");
        assertRejected(
                text.tail(tail.replace("feature_importances:\n", "feature_importances:\nx=1\n"))
                        .render(),
                "unexpected feature importance 'x=1'");
        ModelFile.parse(document(text.tail(tail + "pandas_categorical:null\n").render()), "py");
    }

    private static String withFirst(int tree, String key, String value) {
        String v = text.field(tree, key);
        int space = v.indexOf(' ');
        return text.field(tree, key, value + (space < 0 ? "" : v.substring(space))).render();
    }

    private static String withNode(int tree, String key, int node, String value) {
        String[] values = text.field(tree, key).split(" ");
        values[node] = value;
        return text.field(tree, key, String.join(" ", values)).render();
    }

    private static int firstCategoricalNode(int tree) {
        return firstNode(tree, true);
    }

    private static int firstNode(int tree, boolean categorical) {
        String[] types = text.field(tree, "decision_type").split(" ");
        for (int n = 0; n < types.length; n++) {
            if (((Integer.parseInt(types[n]) & 1) != 0) == categorical) {
                return n;
            }
        }
        throw new AssertionError("tree " + tree + " has no such split");
    }

    private static String bumpLast(String bounds) {
        String[] b = bounds.split(" ");
        b[b.length - 1] = String.valueOf(Integer.parseInt(b[b.length - 1]) + 1);
        return String.join(" ", b);
    }

    static byte[] document(String lightgbmText) {
        return ModelFile.toBytes(TestModels.withText(base, lightgbmText));
    }

    private static void assertRejected(String lightgbmText, String problem) {
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> ModelFile.parse(document(lightgbmText), "crafted.model.json"));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("model file crafted.model.json: LightGBM text: "), msg);
        assertTrue(msg.contains(problem), msg);
        assertFalse(msg.contains("\n"), "one line: " + msg);
    }
}
