package com.dataquality.dqs.io;

import com.dataquality.dqs.format.JsonForms;
import com.dataquality.dqs.parse.CsvRows;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns CSV rows of rule executions into input-topic messages (CONTRACT.md §1, Kafka): one JSON
 * object per row with the header's names as field names and every value as a string, as the CSV
 * held it, so the job judges a message as it would have judged the row.
 *
 * <p>A row that cannot be split into the header's columns is sent as its raw CSV text: not JSON, it
 * becomes a {@code MALFORMED_ROW} dead letter on the Kafka side too, so a file and the topic fed
 * from it give the same counts. A repeated header name keeps its first column, as the CSV reader
 * does.
 */
public final class RecordMessages {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordMessages() {}

    /**
     * The message key for one row: its {@code dataset_uuid}, or null when the row has none. Keying
     * by dataset puts all records of a dataset in one partition, in publication order, so "the
     * record published last" is well defined for every summary key.
     */
    public static String key(String[] header, CsvRows.Row row) {
        if (header == null || row.fields() == null) {
            return null;
        }
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equalsIgnoreCase("dataset_uuid")) {
                String v = row.fields()[i];
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The message value for one row of a file with the given header. */
    public static String of(String[] header, CsvRows.Row row) {
        if (header == null || row.fields() == null) {
            return row.raw();
        }
        ObjectNode n = MAPPER.createObjectNode();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].trim();
            if (!name.isEmpty() && seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                n.put(name, row.fields()[i]);
            }
        }
        return JsonForms.text(n);
    }
}
