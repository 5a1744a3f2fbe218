package com.dataquality.dqs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 text as the test needs it, independent of the product's reader: records as raw text (to
 * split a file into batches without changing a byte) and as fields (to read the product's CSV
 * outputs).
 */
final class CsvText {
    private CsvText() {}

    /** The records of a CSV text, header included, each without its line end. */
    static List<String> records(String text) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                if (end > start) {
                    out.add(text.substring(start, end));
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** The fields of one record. */
    static List<String> fields(String record) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    /** The rows of a CSV file with a header, as column → value maps. */
    static List<Map<String, String>> rows(Path file) throws IOException {
        List<String> records = records(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = fields(records.get(0));
        List<Map<String, String>> out = new ArrayList<>();
        for (String r : records.subList(1, records.size())) {
            List<String> f = fields(r);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < f.size() ? f.get(i) : null);
            }
            out.add(row);
        }
        return out;
    }

    /** The date of a record's business_date field, or null when it is not a valid date. */
    static LocalDate date(String record, int column) {
        List<String> f = fields(record);
        if (column >= f.size() || f.get(column).length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(f.get(column).substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static void write(Path file, String header, List<String> records) throws IOException {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (String r : records) {
            b.append(r).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }
}
