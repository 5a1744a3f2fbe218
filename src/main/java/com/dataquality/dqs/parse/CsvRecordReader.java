package com.dataquality.dqs.parse;

import com.dataquality.dqs.UnicodeText;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ParseResult;
import com.dataquality.dqs.record.RejectReason;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one CSV input file, record by record, into parse results (CONTRACT.md §1).
 *
 * <p>RFC 4180 on raw UTF-8 bytes: fields are found by byte scanning and only the twelve columns we
 * use are decoded to strings, so unknown columns cost nothing. Leniencies, each what a user would
 * expect: a UTF-8 BOM is skipped; records end with {@code \n} or {@code \r\n} (a lone {@code \r} is
 * data); blanks around a field and around a quoted field's quotes are ignored and every value is
 * trimmed; a quote inside an unquoted field is a literal character; lines that are empty or blank
 * are skipped (a line of NUL or other control bytes is not blank: it is a dead letter, also before
 * the header). The header is the first other record, one physical line; its names are trimmed and
 * case-insensitive, columns come in any order, unknown and repeated columns (after the first) are
 * ignored. A header that a stray quote runs past its line is malformed and cut to its first line,
 * so the lines after it are still read, each a dead letter naming the header's problem.
 *
 * <p>Rejected as {@code MALFORMED_ROW}: a field count different from the header's, text after a
 * closing quote ({@code "abc"x}), a quote still open at the end of the file, a used field whose
 * bytes are not UTF-8 (a file in another encoding: replacing the bytes would silently change a
 * summary key; unused columns are not decoded, so not checked), and a record longer than {@link
 * #MAX_RECORD_BYTES} (then only its first physical line is dropped and reading goes on from the
 * next line, so one stray quote cannot swallow a large file into memory). A header without a
 * required column makes every data row a {@code MISSING_FIELD}.
 *
 * <p>Not thread-safe: one reader per file.
 */
public final class CsvRecordReader implements Closeable {
    /** Longest record kept whole; beyond it the record is treated as a runaway quote. */
    public static final int MAX_RECORD_BYTES = 16 << 20;

    /**
     * Columns that name a series or a day, so repeat over many rows: their values are decoded once
     * ({@link ValueCache}). Ids of single executions, counts and results texts rarely repeat.
     */
    private static final int[] REPEATING_COLUMNS = {
        Columns.SOURCE,
        Columns.TENANT_ID,
        Columns.DATASET_UUID,
        Columns.DATASET_NAME,
        Columns.RULE_CODE,
        Columns.BUSINESS_DATE,
        Columns.LEVEL_OF_EXECUTION,
        Columns.ATTRIBUTE_NAME
    };

    private static final String CONTROL_ONLY =
            "the line holds only control characters (such as NUL bytes), no fields";

    private final CsvScanner scanner;
    private final String origin;
    private final long sequenceBase;
    private final int maxRecordBytes;
    private final RecordValidator.Rejecter rejecter = this::reject;
    private final String[] values = new String[Columns.COUNT];
    // Decoded once per distinct value (ValueCache); null for columns decoded every time.
    private final ValueCache[] caches = new ValueCache[Columns.COUNT];
    private long returned;

    private boolean headerRead;
    private long headerLine;
    private int headerFields;
    private int[] columnOf; // CSV field -> canonical column, -1 when unused
    private String headerProblem; // MALFORMED_ROW detail for every row when set
    private String missingColumns; // MISSING_FIELD detail for every row when set

    /**
     * @param in raw bytes (UTF-8, a BOM tolerated); closed by {@link #close()}
     * @param origin the file path put in dead letters
     * @param sequenceBase added to the record's line number to form RuleExecution.sequence
     */
    public CsvRecordReader(InputStream in, String origin, long sequenceBase) {
        this(in, origin, sequenceBase, MAX_RECORD_BYTES);
    }

    /** With a smaller record limit, so tests need not write 16 MiB. */
    CsvRecordReader(InputStream in, String origin, long sequenceBase, int maxRecordBytes) {
        this.scanner = new CsvScanner(in, maxRecordBytes);
        this.origin = UnicodeText.wellFormed(origin);
        this.sequenceBase = sequenceBase;
        this.maxRecordBytes = maxRecordBytes;
        for (int c : REPEATING_COLUMNS) {
            caches[c] = new ValueCache();
        }
    }

    /**
     * The next record's result, or null at end of input. Blank lines are skipped; the header row is
     * consumed, not returned.
     */
    public ParseResult next() throws IOException {
        return (ParseResult) read(false);
    }

    /**
     * Like {@link #next()}, but a record that is well-formed CSV comes back as an {@link
     * Unvalidated} when its values are still to check (results, counts, dates...): what {@link
     * Unvalidated#validate()} then returns is what {@code next()} would have. So that the checks
     * can run on another thread than the reading: the file source reads on a thread of its own and
     * hands batches to the task's thread, which has little else to do.
     *
     * @return a {@link ParseResult}, an {@link Unvalidated}, or null at end of input
     */
    public Object nextUnvalidated() throws IOException {
        return read(true);
    }

    private Object read(boolean deferChecks) throws IOException {
        while (scanner.nextRecord()) {
            if (scanner.oversized() && !headerRead) {
                oversizedHeader();
                continue;
            }
            if (scanner.oversized()) {
                returned++;
                return reject(
                        RejectReason.MALFORMED_ROW,
                        "the record is longer than "
                                + maxRecordBytes
                                + " bytes, probably a quote that never closes; its first line"
                                + " is rejected (raw text clipped) and reading resumes on the"
                                + " next line");
            }
            if (scanner.blank()) {
                continue;
            }
            if (!headerRead && scanner.controlOnly()) {
                returned++; // a dead letter, and the header is still to come
                return reject(RejectReason.MALFORMED_ROW, CONTROL_ONLY);
            }
            if (!headerRead) {
                readHeader();
                continue;
            }
            returned++;
            return dataRecord(deferChecks);
        }
        return null;
    }

    /** Records returned so far by {@link #next()} (used to skip on restore from a checkpoint). */
    public long recordsReturned() {
        return returned;
    }

    @Override
    public void close() throws IOException {
        scanner.close();
    }

    private Object dataRecord(boolean deferChecks) {
        if (scanner.malformed() != null) {
            return reject(RejectReason.MALFORMED_ROW, scanner.malformed());
        }
        if (headerProblem != null) {
            return reject(RejectReason.MALFORMED_ROW, headerProblem);
        }
        if (scanner.fieldCount() != headerFields) {
            if (scanner.controlOnly()) {
                return reject(RejectReason.MALFORMED_ROW, CONTROL_ONLY);
            }
            return reject(
                    RejectReason.MALFORMED_ROW,
                    Text.sentence(
                            "the row has %d fields but the header (line %d) has %d",
                            scanner.fieldCount(), headerLine, headerFields));
        }
        if (missingColumns != null) {
            return reject(RejectReason.MISSING_FIELD, missingColumns);
        }
        for (int i = 0; i < headerFields; i++) {
            int column = columnOf[i];
            if (column >= 0) {
                values[column] = scanner.field(i, caches[column]);
            }
        }
        if (anyReplacementCharacter(values)) {
            String problem = invalidUtf8();
            if (problem != null) {
                return reject(RejectReason.MALFORMED_ROW, problem);
            }
        }
        if (deferChecks) {
            return new Unvalidated(
                    values.clone(),
                    sequenceBase + scanner.recordLine(),
                    scanner.rawBytes(),
                    origin,
                    scanner.recordLine());
        }
        return RecordValidator.validate(values, sequenceBase + scanner.recordLine(), rejecter);
    }

    /**
     * A record split into its values, not yet validated: all that validation and a dead letter
     * need, independent of the reader (which goes on to the next record).
     */
    public static final class Unvalidated implements RecordValidator.Rejecter {
        private final String[] values;
        private final long sequence;
        private final byte[] raw;
        private final String origin;
        private final long line;

        private Unvalidated(String[] values, long sequence, byte[] raw, String origin, long line) {
            this.values = values;
            this.sequence = sequence;
            this.raw = raw;
            this.origin = origin;
            this.line = line;
        }

        /** The record's parse result, as {@link CsvRecordReader#next()} gives it. */
        public ParseResult validate() {
            return RecordValidator.validate(values, sequence, this);
        }

        @Override
        public ParseResult reject(RejectReason reason, String detail) {
            return ParseResult.rejected(
                    new DeadLetter(
                            reason,
                            detail,
                            new String(raw, StandardCharsets.UTF_8),
                            origin,
                            DeadLetter.NO_PARTITION,
                            line));
        }
    }

    /**
     * Whether a value holds U+FFFD, which the decoder puts where bytes are not UTF-8. Costs next to
     * nothing on the usual row: a string of Latin-1 characters cannot hold U+FFFD, and {@code
     * indexOf} knows that without looking at its characters.
     */
    private static boolean anyReplacementCharacter(String[] values) {
        for (String v : values) {
            if (v != null && v.indexOf(UnicodeText.REPLACEMENT) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the record's used fields are not UTF-8, or null when every U+FFFD was in the input as
     * such. Not replaced: a wrongly encoded file would otherwise merge "Café" and "Cafè" into one
     * summary key without a word; rejected rows say what to fix.
     */
    private String invalidUtf8() {
        for (int i = 0; i < headerFields; i++) {
            int column = columnOf[i];
            if (column < 0) {
                continue;
            }
            int at = scanner.invalidUtf8At(i);
            if (at >= 0) {
                return Text.sentence(
                        "field %s is not valid UTF-8 (byte 0x%02X at byte %d of the field): is the"
                                + " file in another encoding, such as Latin-1 or Windows-1252?",
                        Columns.name(column), scanner.fieldByte(i, at) & 0xff, at + 1);
            }
        }
        return null;
    }

    private void readHeader() {
        headerRead = true;
        headerLine = scanner.recordLine();
        headerFields = scanner.fieldCount();
        if (scanner.cutToFirstLine()) {
            headerProblem =
                    Text.sentence(
                            "the header (line %d) has a quote that does not close on its line (%s),"
                                    + " so no row can be split into its columns",
                            headerLine,
                            scanner.malformed() != null
                                    ? scanner.malformed()
                                    : "a header is one line");
            return;
        }
        if (scanner.malformed() != null) {
            headerProblem =
                    "the header (line "
                            + headerLine
                            + ") is malformed ("
                            + scanner.malformed()
                            + "), so no row can be split into its columns";
            return;
        }
        columnOf = new int[headerFields];
        boolean[] seen = new boolean[Columns.COUNT];
        for (int i = 0; i < headerFields; i++) {
            int column = Columns.indexOf(scanner.field(i));
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

    /** A header past the record limit: a quote that never closes, handled as any malformed one. */
    private void oversizedHeader() {
        headerRead = true;
        headerLine = scanner.recordLine();
        headerProblem =
                Text.sentence(
                        "the header (line %d) is longer than %d bytes, probably a quote that never"
                                + " closes, so no row can be split into its columns",
                        headerLine, maxRecordBytes);
    }

    private ParseResult reject(RejectReason reason, String detail) {
        return ParseResult.rejected(
                new DeadLetter(
                        reason,
                        detail,
                        scanner.raw(),
                        origin,
                        DeadLetter.NO_PARTITION,
                        scanner.recordLine()));
    }
}
