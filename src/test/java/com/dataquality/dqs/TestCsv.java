package com.dataquality.dqs;

import java.util.ArrayList;
import java.util.List;

/** A minimal RFC 4180 reader for checking our outputs, independent of the product's parser. */
public final class TestCsv {
    private TestCsv() {}

    /** All records of {@code text}, each a list of fields (header included). */
    /** The data rows of a CSV file with a header, as header name → value. */
    public static List<java.util.Map<String, String>> rows(java.nio.file.Path file)
            throws java.io.IOException {
        List<List<String>> records = parse(java.nio.file.Files.readString(file));
        List<java.util.Map<String, String>> rows = new java.util.ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                row.put(records.get(0).get(i), r.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
            i++;
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
