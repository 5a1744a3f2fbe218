package com.dataquality.dqs.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A LightGBM model text as header lines, tree blocks and the rest, for tests to edit one thing and
 * render the text again with {@code tree_sizes} that match the edited blocks, so that the rule a
 * test aims at is the one that fires (not the size check).
 */
final class ModelText {

    private final List<String> header;
    private final List<List<String>> trees;
    private final String tail;

    private ModelText(List<String> header, List<List<String>> trees, String tail) {
        this.header = header;
        this.trees = trees;
        this.tail = tail;
    }

    /** Cuts a well-formed text (as our trainer writes it). */
    static ModelText of(String text) {
        String[] lines = text.split("\n", -1);
        List<String> header = new ArrayList<>();
        int i = 0;
        while (!lines[i].startsWith("Tree=")) {
            header.add(lines[i++]);
        }
        List<List<String>> trees = new ArrayList<>();
        while (!lines[i].equals("end of trees")) {
            List<String> block = new ArrayList<>();
            while (!lines[i].isEmpty()) {
                block.add(lines[i++]);
            }
            while (lines[i].isEmpty()) {
                i++;
            }
            trees.add(block);
        }
        int tailStart = 0;
        for (int k = 0; k < i; k++) {
            tailStart += lines[k].length() + 1;
        }
        return new ModelText(header, trees, text.substring(tailStart));
    }

    int trees() {
        return trees.size();
    }

    /** A header value, or null. */
    String header(String key) {
        for (String line : header) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** Sets (or, with null, removes) a header line {@code key=value}. */
    ModelText header(String key, String value) {
        List<String> h = new ArrayList<>();
        boolean done = false;
        for (String line : header) {
            if (line.startsWith(key + "=") || line.equals(key)) {
                if (value != null && !done) {
                    h.add(key + "=" + value);
                }
                done = true;
            } else {
                h.add(line);
            }
        }
        if (!done && value != null) {
            h.add(1, key + "=" + value);
        }
        return new ModelText(h, trees, tail);
    }

    /** Adds a raw header line after the first line. */
    ModelText headerLine(String line) {
        List<String> h = new ArrayList<>(header);
        h.add(1, line);
        return new ModelText(h, trees, tail);
    }

    String field(int tree, String key) {
        for (String line : trees.get(tree)) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** Sets (or, with null, removes) a field of a tree; a new field goes last. */
    ModelText field(int tree, String key, String value) {
        List<String> block = new ArrayList<>();
        boolean done = false;
        for (String line : trees.get(tree)) {
            if (line.startsWith(key + "=")) {
                if (value != null) {
                    block.add(key + "=" + value);
                }
                done = true;
            } else {
                block.add(line);
            }
        }
        if (!done && value != null) {
            block.add(key + "=" + value);
        }
        return withTree(tree, block);
    }

    /** Adds a raw line at the end of a tree's fields. */
    ModelText treeLine(int tree, String line) {
        List<String> block = new ArrayList<>(trees.get(tree));
        block.add(line);
        return withTree(tree, block);
    }

    /** The first tree with at least this many leaves and, if asked, a categorical split. */
    int treeWith(int minLeaves, boolean categorical) {
        for (int t = 0; t < trees.size(); t++) {
            if (Integer.parseInt(field(t, "num_leaves")) >= minLeaves
                    && (!categorical || Integer.parseInt(field(t, "num_cat")) > 0)) {
                return t;
            }
        }
        throw new AssertionError("no tree with " + minLeaves + " leaves in the base model");
    }

    ModelText tail(String newTail) {
        return new ModelText(header, trees, newTail);
    }

    String tail() {
        return tail;
    }

    /** The text with {@code tree_sizes} recomputed from the blocks. */
    String render() {
        List<String> blocks = new ArrayList<>();
        StringBuilder sizes = new StringBuilder();
        for (List<String> block : trees) {
            String b = String.join("\n", block) + "\n\n\n";
            blocks.add(b);
            sizes.append(sizes.length() == 0 ? "" : " ").append(b.length());
        }
        return header("tree_sizes", sizes.toString()).renderKeepingSizes();
    }

    /** The text with the header as it is, whatever the blocks' sizes now are. */
    String renderKeepingSizes() {
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append(line).append('\n');
        }
        for (List<String> block : trees) {
            out.append(String.join("\n", block)).append("\n\n\n");
        }
        return out.append(tail).toString();
    }

    /**
     * Any text, with its {@code tree_sizes} line (if it has one) rewritten to the distances between
     * its {@code Tree=} lines and {@code end of trees}: what an attacker who knows the format would
     * do, so the fuzz test's mutants get past the size check to the rules behind it.
     */
    static String withMatchingSizes(String text) {
        List<Integer> starts = new ArrayList<>();
        int end = -1;
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int next = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(pos, nl < 0 ? text.length() : nl);
            if (line.startsWith("Tree=")) {
                starts.add(pos);
            } else if (line.equals("end of trees") && !starts.isEmpty()) {
                end = pos;
                break;
            }
            pos = next;
        }
        if (starts.isEmpty() || end < 0) {
            return text;
        }
        starts.add(end);
        StringBuilder sizes = new StringBuilder("tree_sizes=");
        for (int k = 0; k + 1 < starts.size(); k++) {
            sizes.append(k == 0 ? "" : " ").append(starts.get(k + 1) - starts.get(k));
        }
        int at = text.indexOf("\ntree_sizes=");
        if (at < 0 || at > starts.get(0)) {
            return text;
        }
        int lineEnd = text.indexOf('\n', at + 1);
        return text.substring(0, at + 1) + sizes + text.substring(lineEnd);
    }

    private ModelText withTree(int tree, List<String> block) {
        List<List<String>> t = new ArrayList<>(trees);
        t.set(tree, block);
        return new ModelText(header, t, tail);
    }
}
