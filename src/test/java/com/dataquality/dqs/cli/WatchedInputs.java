package com.dataquality.dqs.cli;

import com.dataquality.dqs.TestCsv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Feeds a continuous {@code dqs run} through its watched directory and waits on its outputs. */
final class WatchedInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HEADER =
            "source,tenant_id,dataset_uuid,dataset_name,rule_code,business_date,results";

    private WatchedInputs() {}

    /** Writes a file under a hidden name, then renames it: the watcher never sees half a file. */
    static void drop(Path dir, String name, List<String> rows) throws Exception {
        Path hidden = dir.resolve("." + name);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(rows);
        Files.write(hidden, lines);
        Files.move(hidden, dir.resolve(name));
    }

    static String row(String dataset, String rule, String date, String status) {
        return "src,t,"
                + dataset
                + ",Name,"
                + rule
                + ","
                + date
                + ",\"{\"\"status\"\": \"\""
                + status
                + "\"\"}\"";
    }

    /** The lines of a JSON-lines output, once they satisfy {@code done}. */
    static List<JsonNode> awaitJsonLines(Path file, Predicate<List<JsonNode>> done)
            throws Exception {
        return await(
                file,
                done,
                f -> {
                    List<JsonNode> lines = new ArrayList<>();
                    for (String l : Files.readAllLines(f)) {
                        lines.add(JSON.readTree(l));
                    }
                    return lines;
                });
    }

    /** The rows of a CSV output as column→value maps, once they satisfy {@code done}. */
    static List<Map<String, String>> awaitCsvRows(
            Path file, Predicate<List<Map<String, String>>> done) throws Exception {
        return await(
                file,
                done,
                f -> {
                    List<List<String>> records = TestCsv.parse(Files.readString(f));
                    List<Map<String, String>> rows = new ArrayList<>();
                    for (List<String> r : records.subList(1, records.size())) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 0; i < r.size(); i++) {
                            row.put(records.get(0).get(i), r.get(i));
                        }
                        rows.add(row);
                    }
                    return rows;
                });
    }

    private interface Reader<T> {
        List<T> read(Path file) throws Exception;
    }

    private static <T> List<T> await(Path file, Predicate<List<T>> done, Reader<T> reader)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<T> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(file) ? reader.read(file) : List.of();
            if (done.test(lines)) {
                return lines;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "timed out waiting on " + file.getFileName() + "; so far: " + lines);
    }
}
