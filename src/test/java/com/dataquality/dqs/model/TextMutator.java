package com.dataquality.dqs.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random edits of a LightGBM model text for the fuzz test: the damage an attacker or a broken disk
 * can do, aimed at what LightGBM's loader trusts (counts, sizes, indices, the block layout).
 */
final class TextMutator {

    /** Values an attacker would try, put where a number was. */
    static final String[] NUMBERS = {
        "999999999999",
        "-1",
        "-2147483648",
        "2147483647",
        "2147483648",
        "4294967296",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "1e300",
        "-1e300",
        "1e400",
        "1e-400",
        "0",
        "1",
        "2",
        "3",
        "12",
        "13",
        "14",
        "15",
        "16",
        "131072",
        "131073",
        "2e9",
        "1000000000",
        "2000000000",
        "",
        " ",
        "0.5",
        "-0",
        "1.7976931348623157e308",
        "4.9e-324",
        "1e9",
        "-999999999",
        "0x10",
        "1,5",
        "12345678901234567890"
    };

    private static final String ODD_CHARS = "\0\r\t\u00e9\u2028 =\n-.e9[]:";

    private final SplittableRandom rnd;

    TextMutator(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /** One random edit. */
    String mutate(String t) {
        if (t.isEmpty()) {
            return t;
        }
        return switch (rnd.nextInt(12)) {
            case 0 -> flipChar(t);
            case 1, 2 -> replaceNumber(t);
            case 3 -> deleteLine(t);
            case 4 -> duplicateLine(t);
            case 5 -> swapTrees(t);
            case 6 -> t.substring(0, rnd.nextInt(t.length()));
            case 7 -> editTreeSizes(t);
            case 8 -> editHeader(t);
            case 9 -> editArray(t);
            default -> editChildLink(t);
        };
    }

    /** Random damage to the JSON document's bytes. */
    byte[] mutateBytes(byte[] doc) {
        byte[] b = doc.clone();
        if (rnd.nextInt(4) == 0) {
            return Arrays.copyOf(b, rnd.nextInt(b.length));
        }
        for (int k = 1 + rnd.nextInt(5); k > 0; k--) {
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    private String flipChar(String t) {
        int at = rnd.nextInt(t.length());
        char c =
                rnd.nextBoolean()
                        ? (char) (' ' + rnd.nextInt(95))
                        : ODD_CHARS.charAt(rnd.nextInt(ODD_CHARS.length()));
        return t.substring(0, at) + c + t.substring(at + 1);
    }

    private String replaceNumber(String t) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int at = rnd.nextInt(t.length());
            int from = at;
            while (from > 0 && isNumberChar(t.charAt(from - 1))) {
                from--;
            }
            int to = at;
            while (to < t.length() && isNumberChar(t.charAt(to))) {
                to++;
            }
            if (to > from && Character.isDigit(t.charAt(to - 1))) {
                return t.substring(0, from) + pick(NUMBERS) + t.substring(to);
            }
        }
        return t;
    }

    private String deleteLine(String t) {
        List<String> lines = lines(t);
        lines.remove(rnd.nextInt(lines.size()));
        return String.join("\n", lines);
    }

    private String duplicateLine(String t) {
        List<String> lines = lines(t);
        int i = rnd.nextInt(lines.size());
        lines.add(i, lines.get(i));
        return String.join("\n", lines);
    }

    /** Swaps two tree blocks; half the time renumbers them so the order still reads right. */
    private String swapTrees(String t) {
        List<Integer> starts = new ArrayList<>();
        int at = t.indexOf("Tree=");
        while (at >= 0) {
            starts.add(at);
            at = t.indexOf("\nTree=", at + 1);
            at = at < 0 ? -1 : at + 1;
        }
        int end = t.indexOf("end of trees");
        if (starts.size() < 2 || end < starts.get(starts.size() - 1)) {
            return t;
        }
        starts.add(end);
        int i = rnd.nextInt(starts.size() - 1);
        int j = rnd.nextInt(starts.size() - 1);
        if (i == j) {
            return t;
        }
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        String blockA = t.substring(starts.get(a), starts.get(a + 1));
        String blockB = t.substring(starts.get(b), starts.get(b + 1));
        String atA = blockB;
        String atB = blockA;
        String numberA = "Tree=" + a + "\n";
        String numberB = "Tree=" + b + "\n";
        if (rnd.nextBoolean() && blockA.startsWith(numberA) && blockB.startsWith(numberB)) {
            atA = numberA + blockB.substring(numberB.length());
            atB = numberB + blockA.substring(numberA.length());
        }
        return t.substring(0, starts.get(a))
                + atA
                + t.substring(starts.get(a + 1), starts.get(b))
                + atB
                + t.substring(starts.get(b + 1));
    }

    private String editTreeSizes(String t) {
        int at = t.indexOf("\ntree_sizes=");
        if (at < 0) {
            return t;
        }
        int from = at + "\ntree_sizes=".length();
        int to = t.indexOf('\n', from);
        List<String> sizes = new ArrayList<>(Arrays.asList(t.substring(from, to).split(" ")));
        int k = rnd.nextInt(sizes.size());
        switch (rnd.nextInt(4)) {
            case 0 -> sizes.set(k, pick(NUMBERS));
            case 1 -> sizes.set(k, nudged(sizes.get(k)));
            case 2 -> sizes.remove(k);
            default -> sizes.add(k, sizes.get(k));
        }
        return t.substring(0, from) + String.join(" ", sizes) + t.substring(to);
    }

    /** A size off by a few bytes: the subtle lie. */
    private String nudged(String size) {
        try {
            return String.valueOf(Long.parseLong(size) + rnd.nextInt(-3, 4));
        } catch (NumberFormatException e) {
            return size;
        }
    }

    private String editHeader(String t) {
        int first = t.indexOf("\nTree=");
        if (first < 0) {
            return t;
        }
        List<String> header = lines(t.substring(0, first));
        int i = rnd.nextInt(header.size());
        String line = header.get(i);
        int eq = line.indexOf('=');
        switch (rnd.nextInt(4)) {
            case 0 -> header.set(i, (eq < 0 ? line : line.substring(0, eq)) + "=" + pick(NUMBERS));
            case 1 -> header.set(i, line.replaceFirst("^[a-z_]+", pick(HEADER_KEYS)));
            case 2 -> header.remove(i);
            default -> header.add(i, line);
        }
        return String.join("\n", header) + t.substring(first);
    }

    private static final String[] HEADER_KEYS = {
        "version",
        "num_class",
        "num_tree_per_iteration",
        "label_index",
        "max_feature_idx",
        "objective",
        "feature_names",
        "feature_infos",
        "tree_sizes",
        "average_output",
        "tree"
    };

    private String editArray(String t) {
        List<String> lines = lines(t);
        for (int attempt = 0; attempt < 20; attempt++) {
            int i = rnd.nextInt(lines.size());
            String line = lines.get(i);
            int eq = line.indexOf('=');
            if (eq < 0 || line.startsWith("Tree=")) {
                continue;
            }
            List<String> values =
                    new ArrayList<>(Arrays.asList(line.substring(eq + 1).split(" ", -1)));
            int k = rnd.nextInt(values.size());
            switch (rnd.nextInt(3)) {
                case 0 -> values.add(k, pick(NUMBERS));
                case 1 -> values.remove(k);
                default -> values.set(k, pick(NUMBERS));
            }
            lines.set(i, line.substring(0, eq + 1) + String.join(" ", values));
            return String.join("\n", lines);
        }
        return t;
    }

    private String editChildLink(String t) {
        List<String> lines = lines(t);
        List<Integer> links = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("left_child=") || lines.get(i).startsWith("right_child=")) {
                links.add(i);
            }
        }
        if (links.isEmpty()) {
            return t;
        }
        int i = links.get(rnd.nextInt(links.size()));
        String line = lines.get(i);
        int eq = line.indexOf('=');
        String[] values = line.substring(eq + 1).split(" ");
        values[rnd.nextInt(values.length)] = String.valueOf(rnd.nextInt(-20, 21));
        lines.set(i, line.substring(0, eq + 1) + String.join(" ", values));
        return String.join("\n", lines);
    }

    private String pick(String[] choices) {
        return choices[rnd.nextInt(choices.length)];
    }

    private static List<String> lines(String t) {
        return new ArrayList<>(Arrays.asList(t.split("\n", -1)));
    }

    private static boolean isNumberChar(char c) {
        return Character.isDigit(c) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }
}
