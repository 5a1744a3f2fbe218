package com.dataquality.dqs.pipeline;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Dead letters as bytes, for the trip from the job to the process that writes {@code
 * dead_letters.csv}. Flink's serializer writes a string one character at a time, and a dead
 * letter's raw record and detail are hundreds of them: with one row in a hundred bad, that copy was
 * a tenth of a bounded run's time (measured). Encoded here, each text is one bulk UTF-8 copy, and
 * the collect sink moves a byte array with one more.
 */
final class DeadLetterBytes {
    private static final RejectReason[] REASONS = RejectReason.values();

    private DeadLetterBytes() {}

    static byte[] encode(DeadLetter d) {
        byte[] detail = d.detail().getBytes(StandardCharsets.UTF_8);
        byte[] raw = d.raw().getBytes(StandardCharsets.UTF_8);
        byte[] origin = d.origin().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b =
                ByteBuffer.allocate(
                        1
                                + 3 * Integer.BYTES
                                + detail.length
                                + raw.length
                                + origin.length
                                + Integer.BYTES
                                + Long.BYTES);
        b.put((byte) d.reason().ordinal());
        put(b, detail);
        put(b, raw);
        put(b, origin);
        b.putInt(d.partition());
        b.putLong(d.position());
        return b.array();
    }

    static DeadLetter decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        RejectReason reason = REASONS[b.get()];
        String detail = text(b);
        String raw = text(b);
        String origin = text(b);
        return new DeadLetter(reason, detail, raw, origin, b.getInt(), b.getLong());
    }

    private static void put(ByteBuffer b, byte[] text) {
        b.putInt(text.length);
        b.put(text);
    }

    private static String text(ByteBuffer b) {
        int length = b.getInt();
        String s = new String(b.array(), b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }
}
