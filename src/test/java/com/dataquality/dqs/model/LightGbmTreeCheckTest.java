package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The child-link rules on small hand-made trees, where each broken shape can be written down: a
 * prediction follows these links in native code, so anything but one tree is a read outside the
 * arrays or a walk that never ends.
 */
class LightGbmTreeCheckTest {

    private static final int FEATURES = 13;

    /**
     * Four leaves: node 0 splits into node 1 and leaf 3, node 1 into leaf 0 and node 2, node 2 into
     * leaves 1 and 2.
     */
    private static Map<String, String> tree(String left, String right) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("num_leaves", "4");
        t.put("num_cat", "0");
        t.put("split_feature", "4 5 6");
        t.put("threshold", "50 60 70");
        t.put("decision_type", "2 2 2");
        t.put("left_child", left);
        t.put("right_child", right);
        t.put("leaf_value", "1 2 3 4");
        return t;
    }

    @Test
    void aProperTreeIsAccepted() throws InvalidModel {
        LightGbmTreeCheck.check(tree("1 -1 -2", "-4 2 -3"), FEATURES);
    }

    @Test
    void aSingleLeafTreeNeedsNoSplitArrays() throws InvalidModel {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("num_leaves", "1");
        t.put("num_cat", "0");
        t.put("leaf_value", "42");
        LightGbmTreeCheck.check(t, FEATURES);
        t.put("split_feature", "");
        LightGbmTreeCheck.check(t, FEATURES);
        t.put("split_feature", "3");
        assertProblem(t, "split_feature has 1 values, num_leaves=1 implies 0");
    }

    @Test
    void twoNodesPointingAtEachOtherAreACycleAwayFromTheRoot() {
        // Nodes 1 and 2 are each other's child; every node and leaf has one parent.
        assertProblem(
                tree("-1 2 1", "-2 -3 -4"),
                "2 of 3 nodes are not reachable from the root (a cycle)");
    }

    @Test
    void aNodeOrLeafWithTwoParentsIsRejected() {
        String notATree = " has two parents (the child links do not form a tree)";
        assertProblem(tree("1 -1 1", "-4 2 -3"), "node 1" + notATree);
        assertProblem(tree("1 -1 -1", "-4 2 -3"), "leaf 0" + notATree);
    }

    @Test
    void aLinkBackToTheRootIsRejected() {
        assertProblem(tree("1 0 -2", "-4 2 -3"), "node 1 links back to the root node 0");
    }

    @Test
    void linksOutsideTheTablesAreRejected() {
        assertProblem(tree("3 -1 -2", "-4 2 -3"), "left_child[0]=3 exceeds 2");
        assertProblem(tree("1 -1 -2", "-5 2 -3"), "right_child[0]=-5 is below -4");
    }

    private static void assertProblem(Map<String, String> tree, String problem) {
        InvalidModel e =
                assertThrows(InvalidModel.class, () -> LightGbmTreeCheck.check(tree, FEATURES));
        assertEquals(problem, e.getMessage());
    }
}
