package com.dataquality.dqs.scoring;

import com.dataquality.dqs.InputException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the input of {@code batch-predict}: an RFC 4180 CSV file whose header (one line) names at
 * least {@code dataset_uuid}, {@code rule_code} and {@code business_date} (any order, any case,
 * other columns ignored, a BOM tolerated, blank lines skipped).
 */
public final class RequestCsvReader {

    static final List<String> COLUMNS = List.of("dataset_uuid", "rule_code", "business_date");

    /**
     * One data row: its three values, or the reason it cannot be split into the header's columns.
     *
     * @param line 1-based line where the row starts
     */
    public record Row(
            long line,
            String datasetUuid,
            String ruleCode,
            String businessDate,
            String malformed) {}

    private final Reader in;
    private final String origin;
    private final int[] index = new int[COLUMNS.size()];
    private int headerFields;
    private long line = 1;

    /**
     * Reads the header.
     *
     * @throws InputException when the file has no header or lacks a required column
     */
    public RequestCsvReader(Reader in, String origin) throws IOException {
        this.in = in;
        this.origin = origin;
        List<String> header = null;
        while (header == null) {
            long start = line;
            header = record();
            if (header == null) {
                throw new InputException(
                        "input " + origin + ": empty file, a header row is needed");
            }
            if (line > start + 1) {
                // A stray quote would otherwise swallow the requests after it into the header.
                throw new InputException(
                        "input "
                                + origin
                                + ": the header (line "
                                + start
                                + ") has a quote that does not close on its line");
            }
            if (isBlank(header)) {
                header = null;
            }
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        headerFields = header.size();
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            index[c] = -1;
            for (int f = 0; f < header.size(); f++) {
                if (header.get(f).trim().toLowerCase(Locale.ROOT).equals(COLUMNS.get(c))) {
                    index[c] = f;
                    break;
                }
            }
            if (index[c] < 0) {
                missing.add(COLUMNS.get(c));
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(
                    "input " + origin + ": header lacks column(s) " + String.join(", ", missing));
        }
    }

    /** The next data row, or null at the end of the file. */
    public Row next() throws IOException {
        while (true) {
            long start = line;
            List<String> fields = record();
            if (fields == null) {
                return null;
            }
            if (isBlank(fields)) {
                continue;
            }
            if (fields.size() != headerFields) {
                return new Row(
                        start,
                        value(fields, 0),
                        value(fields, 1),
                        value(fields, 2),
                        fields.size() + " fields where the header has " + headerFields);
            }
            return new Row(start, value(fields, 0), value(fields, 1), value(fields, 2), null);
        }
    }

    private String value(List<String> fields, int column) {
        int f = index[column];
        return f < fields.size() ? fields.get(f).trim() : "";
    }

    private static boolean isBlank(List<String> fields) {
        return fields.size() == 1 && fields.get(0).isBlank();
    }

    /** One record's fields, or null at the end of input. */
    private List<String> record() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new InputException(
                            "input "
                                    + origin
                                    + ": a quote opened before line "
                                    + line
                                    + " is never closed");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c < 0 || c == '\n') {
                if (c == '\n') {
                    line++;
                }
                fields.add(stripCr(field));
                return fields;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private static String stripCr(StringBuilder field) {
        int n = field.length();
        return n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString();
    }

    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;

    /** One char from our own buffer: Reader.read() per char is synchronized and slow. */
    private int read() throws IOException {
        if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buf[pos++];
    }
}
