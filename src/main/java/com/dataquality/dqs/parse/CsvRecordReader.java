package com.dataquality.dqs.parse;

import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one CSV input file, record by record, into parse results (CONTRACT.md §1).
 *
 * <p>RFC 4180 on raw UTF-8 bytes: fields are found by byte scanning and only the twelve columns we
 * use are decoded to strings, so unknown columns cost nothing. Leniencies, each what a user would
 * expect: a UTF-8 BOM is skipped; records end with {@code \n} or {@code \r\n} (a lone {@code \r} is
 * data); blanks around a field and around a quoted field's quotes are ignored and every value is
 * trimmed; a quote inside an unquoted field is a literal character; lines that are empty or blank
 * are skipped. The header is the first non-blank record; its names are trimmed and
 * case-insensitive, columns come in any order, unknown and repeated columns (after the first) are
 * ignored.
 *
 * <p>Rejected as {@code MALFORMED_ROW}: a field count different from the header's, text after a
 * closing quote ({@code "abc"x}), a quote still open at the end of the file, and a record longer
 * than {@link #MAX_RECORD_BYTES} (then only its first physical line is dropped and reading goes on
 * from the next line, so one stray quote cannot swallow a large file into memory). A header without
 * a required column makes every data row a {@code MISSING_FIELD}.
 *
 * <p>Not thread-safe: one reader per file.
 */
public final class CsvRecordReader implements Closeable {
    /** Longest record kept whole; beyond it the record is treated as a runaway quote. */
    public static final int MAX_RECORD_BYTES = 16 << 20;

    private static final int INITIAL_BUFFER = 1 << 16;
    private static final int RAW_CLIP = 4096;

    private final InputStream in;
    private final String origin;
    private final long sequenceBase;
    private final RecordValidator.Rejecter rejecter = this::reject;
    private final String[] values = new String[Columns.COUNT];

    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos; // start of the next record in buf
    private int limit; // end of the bytes read into buf
    private boolean eof;
    private boolean started;
    private boolean discardLine;
    private long line = 1; // physical line of buf[pos]
    private long returned;

    private boolean headerRead;
    private long headerLine;
    private int headerFields;
    private int[] columnOf; // CSV field -> canonical column, -1 when unused
    private String headerProblem; // MALFORMED_ROW detail for every row when set
    private String missingColumns; // MISSING_FIELD detail for every row when set

    // The record found by the last successful scan().
    private int[] fieldFrom = new int[32];
    private int[] fieldTo = new int[32];
    private boolean[] fieldEscaped = new boolean[32];
    private int fieldCount;
    private boolean blank;
    private String malformed;
    private int recordStart;
    private int recordEnd; // before the final line break
    private int nextPos;
    private int recordLines; // line breaks inside quoted fields
    private long recordLine;

    private byte[] scratch = new byte[256];

    /**
     * @param in raw bytes (UTF-8, a BOM tolerated); closed by {@link #close()}
     * @param origin the file path put in dead letters
     * @param sequenceBase added to the record's line number to form RuleExecution.sequence
     */
    public CsvRecordReader(InputStream in, String origin, long sequenceBase) {
        this.in = in;
        this.origin = origin;
        this.sequenceBase = sequenceBase;
    }

    /**
     * The next record's result, or null at end of input. Blank lines are skipped; the header row is
     * consumed, not returned.
     */
    public ParseResult next() throws IOException {
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
        while (true) {
            if (discardLine && !discardRestOfLine()) {
                return null;
            }
            if (pos == limit) {
                if (eof) {
                    return null;
                }
                fill();
                continue;
            }
            if (!scan()) {
                if (limit - pos >= MAX_RECORD_BYTES) {
                    returned++;
                    return oversized();
                }
                fill();
                continue;
            }
            recordLine = line;
            line += recordLines + (nextPos > recordEnd ? 1 : 0);
            pos = nextPos;
            if (blank) {
                continue;
            }
            if (!headerRead) {
                readHeader();
                continue;
            }
            ParseResult result = dataRecord();
            returned++;
            return result;
        }
    }

    /** Records returned so far by {@link #next()} (used to skip on restore from a checkpoint). */
    public long recordsReturned() {
        return returned;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private ParseResult dataRecord() {
        if (malformed != null) {
            return reject(RejectReason.MALFORMED_ROW, malformed);
        }
        if (headerProblem != null) {
            return reject(RejectReason.MALFORMED_ROW, headerProblem);
        }
        if (fieldCount != headerFields) {
            return reject(
                    RejectReason.MALFORMED_ROW,
                    "the row has "
                            + fieldCount
                            + " fields but the header (line "
                            + headerLine
                            + ") has "
                            + headerFields);
        }
        if (missingColumns != null) {
            return reject(RejectReason.MISSING_FIELD, missingColumns);
        }
        for (int i = 0; i < fieldCount; i++) {
            int column = columnOf[i];
            if (column >= 0) {
                values[column] = field(i);
            }
        }
        return RecordValidator.validate(values, sequenceBase + recordLine, rejecter);
    }

    private void readHeader() {
        headerRead = true;
        headerLine = recordLine;
        headerFields = fieldCount;
        if (malformed != null) {
            headerProblem =
                    "the header (line "
                            + headerLine
                            + ") is malformed ("
                            + malformed
                            + "), so no row can be split into its columns";
            return;
        }
        columnOf = new int[fieldCount];
        boolean[] seen = new boolean[Columns.COUNT];
        for (int i = 0; i < fieldCount; i++) {
            int column = Columns.indexOf(field(i));
            columnOf[i] = column >= 0 && !seen[column] ? column : -1;
            if (column >= 0) {
                seen[column] = true;
            }
        }
        StringBuilder missing = new StringBuilder();
        for (int c = 0; c < Columns.REQUIRED; c++) {
            if (!seen[c]) {
                missing.append(missing.length() == 0 ? "" : ", ").append(Columns.name(c));
            }
        }
        if (missing.length() > 0) {
            missingColumns =
                    "the header (line " + headerLine + ") lacks required column(s): " + missing;
        }
    }

    private ParseResult reject(RejectReason reason, String detail) {
        String raw = new String(buf, recordStart, recordEnd - recordStart, StandardCharsets.UTF_8);
        return ParseResult.rejected(
                new DeadLetter(reason, detail, raw, origin, DeadLetter.NO_PARTITION, recordLine));
    }

    /** The value of field {@code i} of the scanned record: trimmed, quotes undone. */
    private String field(int i) {
        int from = fieldFrom[i];
        int to = fieldTo[i];
        if (from == to) {
            return "";
        }
        if (!fieldEscaped[i]) {
            return new String(buf, from, to - from, StandardCharsets.UTF_8);
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
            blank = nf == 1 && !firstQuoted && from == to;
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
     * A record over the size limit: its first physical line becomes a dead letter and reading
     * resumes on the next line.
     */
    private ParseResult oversized() {
        recordLine = line;
        int nl = pos;
        while (nl < limit && buf[nl] != '\n') {
            nl++;
        }
        recordStart = pos;
        recordEnd = Math.min(nl, pos + RAW_CLIP);
        ParseResult result =
                reject(
                        RejectReason.MALFORMED_ROW,
                        "the record is longer than "
                                + (MAX_RECORD_BYTES >> 20)
                                + " MiB, probably a quote that never closes; its first line"
                                + " is rejected (raw text clipped) and reading resumes on the"
                                + " next line");
        if (nl < limit) {
            pos = nl + 1;
            line++;
        } else {
            pos = limit;
            discardLine = true;
        }
        return result;
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
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_RECORD_BYTES + INITIAL_BUFFER));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }
}
