package com.dataquality.dqs;

/**
 * Text that every output can encode. A Java string may hold a UTF-16 surrogate without its pair
 * (from the JSON escape of U+D800 alone, which JSON readers decode as written); no UTF-8 writer can
 * encode it, and a strict one (as {@code Files.newBufferedWriter}) throws. Text from outside is
 * made well-formed once, where it becomes a string (the readers of the {@code parse} package, the
 * Kafka source), and the output forms check again, so that no sink ever fails on text.
 */
public final class UnicodeText {
    /** What an unpaired surrogate becomes: U+FFFD REPLACEMENT CHARACTER. */
    public static final char REPLACEMENT = '\uFFFD';

    private UnicodeText() {}

    /** Whether {@code s} holds no unpaired surrogate (null counts as well-formed). */
    public static boolean isWellFormed(CharSequence s) {
        return s == null || firstUnpaired(s) < 0;
    }

    /**
     * {@code s} with every unpaired surrogate replaced by {@link #REPLACEMENT}; the same instance
     * when there is none (the usual case costs one scan and no allocation). Null stays null.
     */
    public static String wellFormed(String s) {
        if (s == null) {
            return null;
        }
        int first = firstUnpaired(s);
        return first < 0 ? s : replaceFrom(s, first);
    }

    /** The index of the first unpaired surrogate of {@code s}, or -1. */
    public static int firstUnpaired(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)
                        && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a pair
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String replaceFrom(String s, int first) {
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(s, 0, first);
        int n = s.length();
        for (int i = first; i < n; i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) {
                sb.append(c);
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(REPLACEMENT);
            }
        }
        return sb.toString();
    }
}
