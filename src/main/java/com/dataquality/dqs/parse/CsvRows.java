package com.dataquality.dqs.parse;

import com.dataquality.dqs.UnicodeText;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The rows of a CSV file as raw fields, not validated: for tools that pass rows on rather than
 * summarize them, such as {@code dqs publish}, which turns rows into Kafka messages. Splits records
 * exactly as {@link CsvRecordReader} does (same scanner), so a row this class cannot split is one
 * that reader would reject as {@code MALFORMED_ROW}.
 */
public final class CsvRows implements Closeable {
    /**
     * One data row.
     *
     * @param line the 1-based physical line where the row starts
     * @param raw the row's text without its line break
     * @param fields the row's values (trimmed, quotes undone), or null when the row cannot be split
     *     into the header's columns or a column the reader uses is not valid UTF-8
     */
    public record Row(long line, String raw, String[] fields) {}

    private final CsvScanner scanner;
    private String[] header;
    private boolean headerMalformed;

    public CsvRows(InputStream in) {
        this.scanner = new CsvScanner(in, CsvRecordReader.MAX_RECORD_BYTES);
    }

    /** The header's names, or null before the first call of {@link #next()} or when malformed. */
    public String[] header() {
        return headerMalformed ? null : header;
    }

    /** The next data row, or null at the end; blank lines are skipped, the header is consumed. */
    public Row next() throws IOException {
        while (scanner.nextRecord()) {
            if (scanner.blank() && !scanner.oversized()) {
                continue;
            }
            if (header == null && scanner.controlOnly()) {
                return new Row(scanner.recordLine(), scanner.raw(), null); // as CsvRecordReader
            }
            if (header == null) {
                header = fields();
                // As CsvRecordReader: a header is one line, a quote running past it is cut.
                headerMalformed =
                        scanner.cutToFirstLine()
                                || scanner.malformed() != null
                                || scanner.oversized();
                continue;
            }
            boolean splittable =
                    !headerMalformed
                            && !scanner.oversized()
                            && scanner.malformed() == null
                            && scanner.fieldCount() == header.length;
            String[] fields = splittable ? fields() : null;
            if (fields != null && !usedFieldsAreUtf8(fields)) {
                fields = null;
            }
            return new Row(scanner.recordLine(), scanner.raw(), fields);
        }
        return null;
    }

    /** As {@link CsvRecordReader}: a column it reads whose bytes are not UTF-8 spoils the row. */
    private boolean usedFieldsAreUtf8(String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].indexOf(UnicodeText.REPLACEMENT) >= 0
                    && Columns.indexOf(header[i]) >= 0
                    && scanner.invalidUtf8At(i) >= 0) {
                return false;
            }
        }
        return true;
    }

    private String[] fields() {
        String[] f = new String[scanner.fieldCount()];
        for (int i = 0; i < f.length; i++) {
            f[i] = scanner.field(i);
        }
        return f;
    }

    @Override
    public void close() throws IOException {
        scanner.close();
    }
}
