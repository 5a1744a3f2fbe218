package com.dataquality.dqs.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 splitter for tests, independent of the product's parser: a quote inside an
 * unquoted field or text after a closing quote fails the test instead of being guessed at.
 */
final class CsvText {
    private CsvText() {}

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean atFieldStart = true;
        while (i < n) {
            char c = text.charAt(i);
            if (atFieldStart && c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException(
                                "unterminated quote in row " + rows.size());
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    throw new IllegalArgumentException(
                            "text after closing quote in row " + rows.size());
                }
                atFieldStart = false;
                continue;
            }
            i++;
            if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                atFieldStart = true;
            } else if (c == '"') {
                throw new IllegalArgumentException(
                        "quote inside unquoted field in row " + rows.size());
            } else {
                field.append(c);
                atFieldStart = false;
            }
        }
        if (!row.isEmpty() || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
