package com.dataquality.dqs.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decoded values of one CSV column, handed out again when the same bytes come back.
 *
 * <p>Most columns repeat a few values over millions of rows (source, tenant, dataset id and name,
 * rule code, date, level). Returning one {@code String} instance per distinct value instead of a
 * new one per row saves the UTF-8 decoding and the allocation here, and, more, it saves work
 * downstream: a repeated instance keeps its hash code cached, compares equal by identity, and stays
 * in the CPU cache of the thread that groups records, where a fresh string from the reading thread
 * would be a cache miss.
 *
 * <p>Direct-mapped: a value's slot is chosen by its hash and a collision replaces the older value,
 * so a lookup is one hash and one comparison. Meant for columns whose values repeat: for a column
 * of per-execution values it would only add a lookup to every decode. No adaptive switch-off
 * either: its rarely taken branch, inlined into the reader's hot loop, made the JIT throw that
 * compiled loop away and compile it again (measured), which costs more than it saves.
 *
 * <p>Not thread-safe: one cache per column of one reader.
 */
final class ValueCache {
    private static final int SLOT_BITS = 12;
    private static final int SLOTS = 1 << SLOT_BITS;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_BYTES = 128; // longer values are decoded, not cached

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** The value of bytes {@code [from, to)} of {@code buf}, decoded as UTF-8. */
    String get(byte[] buf, int from, int to) {
        int length = to - from;
        if (length > MAX_BYTES) {
            return new String(buf, from, length, StandardCharsets.UTF_8);
        }
        int slot = (int) (hash(buf, from, to) >>> (64 - SLOT_BITS));
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, buf, from, to)) {
            return values[slot];
        }
        String value = new String(buf, from, length, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(buf, from, to);
        values[slot] = value;
        return value;
    }

    /**
     * Eight bytes at a time (a byte at a time was a fifth of the reading thread's time): every byte
     * counts, so values differing anywhere, as ids and numbered names do, rarely collide.
     */
    private static long hash(byte[] buf, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(buf, i)) * MIX;
        }
        if (i < to) {
            if (to - from >= Long.BYTES) {
                h = (h ^ (long) LONGS.get(buf, to - Long.BYTES)) * MIX; // the tail, overlapping
            } else {
                for (; i < to; i++) {
                    h = (h ^ buf[i]) * MIX;
                }
            }
        }
        return h;
    }
}
