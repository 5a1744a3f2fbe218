package com.dataquality.dqs.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte level of {@link CsvRecordReader}: splits raw UTF-8 input into records and fields (RFC
 * 4180, with the leniencies documented there) and tracks physical line numbers. Fields are kept as
 * byte ranges of the buffer and decoded only when asked for, so unused columns cost nothing. A
 * record cut by the end of the buffer is scanned again from its start once more bytes are read;
 * that happens once per buffer, not per record.
 */
final class CsvScanner implements Closeable {
    private static final int INITIAL_BUFFER = 1 << 16;
    private static final int RAW_CLIP = 4096;

    private final InputStream in;
    private final int maxRecordBytes;

    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos; // start of the next record in buf
    private int limit; // end of the bytes read into buf
    private boolean eof;
    private boolean started;
    private boolean discardLine;
    private long line = 1; // physical line of buf[pos]

    // The current record.
    private int[] fieldFrom = new int[32];
    private int[] fieldTo = new int[32];
    private boolean[] fieldEscaped = new boolean[32];
    private int fieldCount;
    private boolean blank;
    private boolean oversized;
    private String malformed;
    private int recordStart;
    private int recordEnd; // before the final line break
    private int nextPos;
    private int recordLines; // line breaks inside quoted fields
    private long recordLine;

    private byte[] scratch = new byte[256];

    CsvScanner(InputStream in, int maxRecordBytes) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Moves to the next record; false at the end of input. A record longer than the limit comes
     * back as {@link #oversized()}: only its first physical line, after which reading resumes.
     */
    boolean nextRecord() throws IOException {
        if (!started) {
            started = true;
            while (limit < 3 && !eof) {
                fill();
            }
            if (limit >= 3
                    && buf[0] == (byte) 0xEF
                    && buf[1] == (byte) 0xBB
                    && buf[2] == (byte) 0xBF) {
                pos = 3;
            }
        }
        oversized = false;
        while (true) {
            if (discardLine && !discardRestOfLine()) {
                return false;
            }
            if (pos == limit) {
                if (eof) {
                    return false;
                }
                fill();
                continue;
            }
            if (!scan()) {
                if (limit - pos >= maxRecordBytes) {
                    skipOversized();
                    return true;
                }
                fill();
                continue;
            }
            recordLine = line;
            line += recordLines + (nextPos > recordEnd ? 1 : 0);
            pos = nextPos;
            return true;
        }
    }

    int fieldCount() {
        return fieldCount;
    }

    /**
     * An empty line, or one of spaces and tabs only: skipped. A line of other bytes that trim away
     * (NUL, control characters) is a record, so that it becomes a dead letter rather than vanish.
     */
    boolean blank() {
        return blank;
    }

    boolean oversized() {
        return oversized;
    }

    /**
     * A line of control bytes (NUL and the like, spaces allowed) and nothing else: not blank, but
     * no field either. Looked at only when a record is rejected or before the header.
     */
    boolean controlOnly() {
        if (fieldCount != 1 || blank || oversized) {
            return false;
        }
        for (int i = recordStart; i < recordEnd; i++) {
            if ((buf[i] & 0xff) > ' ') {
                return false;
            }
        }
        return true;
    }

    /** Why the record cannot be split into fields, or null. */
    String malformed() {
        return malformed;
    }

    /** The 1-based physical line where the record starts. */
    long recordLine() {
        return recordLine;
    }

    /** The record's text without its final line break (clipped for an oversized record). */
    String raw() {
        return new String(buf, recordStart, recordEnd - recordStart, StandardCharsets.UTF_8);
    }

    /** The record's bytes without its final line break: {@link #raw()} still to decode. */
    byte[] rawBytes() {
        return Arrays.copyOfRange(buf, recordStart, recordEnd);
    }

    /** The value of field {@code i} of the scanned record: trimmed, quotes undone. */
    String field(int i) {
        return field(i, null);
    }

    /**
     * The value of field {@code i}, taken from {@code cache} when the same bytes were decoded
     * before (a field with doubled quotes is always decoded).
     */
    String field(int i, ValueCache cache) {
        int from = fieldFrom[i];
        int to = fieldTo[i];
        if (from == to) {
            return "";
        }
        if (!fieldEscaped[i]) {
            return cache != null
                    ? cache.get(buf, from, to)
                    : new String(buf, from, to - from, StandardCharsets.UTF_8);
        }
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, scratch.length * 2)];
        }
        int n = 0;
        for (int j = from; j < to; j++) {
            byte c = buf[j];
            scratch[n++] = c;
            if (c == '"') {
                j++; // inside quotes every quote is doubled
            }
        }
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * The offset in field {@code i} (in bytes, quotes not undone) of the first byte that is not
     * part of well-formed UTF-8, or -1. For rejected records only: it builds a decoder.
     */
    int invalidUtf8At(int i) {
        ByteBuffer in = ByteBuffer.wrap(buf, fieldFrom[i], fieldTo[i] - fieldFrom[i]);
        CharBuffer out = CharBuffer.allocate(fieldTo[i] - fieldFrom[i]);
        CoderResult r =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(in, out, true);
        return r.isError() ? in.position() - fieldFrom[i] : -1;
    }

    /** Byte {@code at} of field {@code i}, as scanned (quotes not undone). */
    byte fieldByte(int i, int at) {
        return buf[fieldFrom[i] + at];
    }

    /**
     * Finds the record starting at {@code pos}. False when the bytes read so far end inside it;
     * then the caller reads more and scans again from the record's start.
     */
    private boolean scan() {
        final byte[] b = buf;
        final int lim = limit;
        int p = pos;
        int nf = 0;
        int lines = 0;
        boolean firstQuoted = false;
        String bad = null;
        while (true) {
            int q = p;
            while (q < lim && (b[q] == ' ' || b[q] == '\t')) {
                q++;
            }
            if (q == lim && !eof) {
                return false;
            }
            int from;
            int to;
            int end; // the comma, line feed or end of input after the field
            boolean escaped = false;
            if (q < lim && b[q] == '"') {
                if (nf == 0) {
                    firstQuoted = true;
                }
                int i = q + 1;
                from = i;
                while (true) {
                    while (i < lim && b[i] != '"') {
                        if (b[i] == '\n') {
                            lines++;
                        }
                        i++;
                    }
                    if (i == lim) {
                        break;
                    }
                    if (i + 1 == lim && !eof) {
                        return false;
                    }
                    if (i + 1 < lim && b[i + 1] == '"') {
                        escaped = true;
                        i += 2;
                        continue;
                    }
                    break;
                }
                if (i == lim) {
                    if (!eof) {
                        return false;
                    }
                    if (bad == null) {
                        bad = "the quoted field " + (nf + 1) + " is never closed";
                    }
                    to = lim;
                    end = lim;
                } else {
                    to = i++;
                    while (i < lim && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
                        i++;
                    }
                    if (i < lim && b[i] != ',' && b[i] != '\n') {
                        if (bad == null) {
                            bad = "text after the closing quote of field " + (nf + 1);
                        }
                        while (i < lim && b[i] != ',' && b[i] != '\n') {
                            i++;
                        }
                    }
                    if (i == lim && !eof) {
                        return false;
                    }
                    end = i;
                }
            } else {
                int i = q;
                while (i < lim && b[i] != ',' && b[i] != '\n') {
                    i++;
                }
                if (i == lim && !eof) {
                    return false;
                }
                from = q;
                to = i;
                end = i;
            }
            while (from < to && (b[from] & 0xff) <= ' ') {
                from++;
            }
            while (to > from && (b[to - 1] & 0xff) <= ' ') {
                to--;
            }
            if (nf == fieldFrom.length) {
                growFields();
            }
            fieldFrom[nf] = from;
            fieldTo[nf] = to;
            fieldEscaped[nf] = escaped;
            nf++;
            if (end < lim && b[end] == ',') {
                p = end + 1;
                continue;
            }
            fieldCount = nf;
            malformed = bad;
            // Not merely empty after trimming: a line of NUL or other control bytes is a record.
            blank = nf == 1 && !firstQuoted && from == to && onlyBlanks(pos, end);
            recordStart = pos;
            recordLines = lines;
            if (end < lim) {
                nextPos = end + 1;
                recordEnd = end;
            } else {
                nextPos = lim;
                recordEnd = lim;
                if (recordEnd > pos && b[recordEnd - 1] == '\n') {
                    recordEnd--; // an unclosed quote ran to a final line break
                }
            }
            if (recordEnd > pos && b[recordEnd - 1] == '\r') {
                recordEnd--;
            }
            return true;
        }
    }

    /**
     * Cuts the current record back to its first physical line, reading resuming on the next line;
     * false, and nothing changes, when it has one line. For a header, where a stray quote would
     * otherwise swallow the lines after it into the header, so that they vanish: cut, they are read
     * as rows and rejected with the header's problem. The record's bytes are still in the buffer,
     * nothing is read again from the stream.
     */
    boolean cutToFirstLine() {
        int nl = recordStart;
        while (nl < recordEnd && buf[nl] != '\n') {
            nl++;
        }
        if (nl >= recordEnd) {
            return false;
        }
        pos = nl + 1;
        line = recordLine + 1;
        recordEnd = nl > recordStart && buf[nl - 1] == '\r' ? nl - 1 : nl;
        recordLines = 0;
        return true;
    }

    /** Whether bytes {@code [from, to)} are spaces, tabs and carriage returns only. */
    private boolean onlyBlanks(int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = buf[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Makes the first physical line of a runaway record the current record and skips it. */
    private void skipOversized() {
        oversized = true;
        recordLine = line;
        malformed = null;
        fieldCount = 0;
        blank = false;
        int nl = pos;
        while (nl < limit && buf[nl] != '\n') {
            nl++;
        }
        recordStart = pos;
        recordEnd = Math.min(nl, pos + RAW_CLIP);
        if (nl < limit) {
            pos = nl + 1;
            line++;
        } else {
            pos = limit;
            discardLine = true;
        }
    }

    /** Drops bytes up to and including the next line feed; false at end of input. */
    private boolean discardRestOfLine() throws IOException {
        while (true) {
            while (pos < limit) {
                if (buf[pos++] == '\n') {
                    line++;
                    discardLine = false;
                    return true;
                }
            }
            if (eof) {
                discardLine = false;
                return false;
            }
            fill();
        }
    }

    private void growFields() {
        int n = fieldFrom.length * 2;
        fieldFrom = Arrays.copyOf(fieldFrom, n);
        fieldTo = Arrays.copyOf(fieldTo, n);
        fieldEscaped = Arrays.copyOf(fieldEscaped, n);
    }

    /** Moves the unread bytes to the front (growing the buffer when full) and reads more. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            int cap = Math.max(maxRecordBytes + INITIAL_BUFFER, buf.length + INITIAL_BUFFER);
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, cap));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
