package com.dataquality.dqs.bench;

import com.dataquality.dqs.record.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The generator's hidden truth ({@code truth.csv}) as the forecasting benchmark looks it up. */
final class TruthFile {
    private TruthFile() {}

    /** series key + epoch day → pass probability; "drop@" + key → the incident's drop. */
    static Map<String, Double> read(Path file) throws IOException {
        Map<String, Double> out = new HashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            // dataset_uuid (a UUID: no comma or quote), rule_code, date, probability, planned
            String[] f = line.split(",");
            int day = (int) LocalDate.parse(f[2]).toEpochDay();
            String key = Keys.seriesKey(f[0], Integer.parseInt(f[1])) + "@" + day;
            out.put(key, Double.parseDouble(f[3]));
            out.put(Incidents.DROP_KEY + key, Double.parseDouble(f[5]));
        }
        return out;
    }
}
