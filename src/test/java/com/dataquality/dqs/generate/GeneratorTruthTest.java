package com.dataquality.dqs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The noisy profile ({@code --executions-per-day}) and the hidden truth ({@code --truth}) the
 * forecasting benchmark's oracle reads.
 */
class GeneratorTruthTest {

    @TempDir Path tmp;

    private static GeneratorConfig.Builder noisy() {
        return GeneratorConfig.builder().rows(60_000).days(120).executionsPerDay(3).seed(5);
    }

    @Test
    void fewerExecutionsPerDaySpreadTheSameRowsOverMoreSeries() throws IOException {
        GenerationReport eight =
                new Generator(noisy().executionsPerDay(8).build())
                        .writeTo(tmp.resolve("a"), Generator.Progress.NONE);
        GenerationReport three =
                new Generator(noisy().build()).writeTo(tmp.resolve("b"), Generator.Progress.NONE);
        assertTrue(three.seriesCount() > 2 * eight.seriesCount(), three + " / " + eight);
        List<Rows.Execution> valid = Rows.valid(Rows.read(tmp.resolve("b"), three.files()));
        Map<String, Integer> perSeriesDay = new HashMap<>();
        for (Rows.Execution e : valid) {
            perSeriesDay.merge(e.datasetUuid() + e.ruleCode() + e.date(), 1, Integer::sum);
        }
        double mean = valid.size() / (double) perSeriesDay.size();
        assertTrue(mean > 2.5 && mean < 4, "executions per series-day " + mean);
        assertFalse(Files.exists(tmp.resolve("b").resolve(Generator.TRUTH_FILE)), "only on ask");
    }

    @Test
    void patternStrengthZeroLeavesEachSeriesAtItsBaseLevel() throws IOException {
        new Generator(noisy().patternStrength(0).truth(true).build())
                .writeTo(tmp, Generator.Progress.NONE);
        List<String> lines = Files.readAllLines(tmp.resolve(Generator.TRUTH_FILE));
        Map<String, String> level = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String before = level.putIfAbsent(f[0] + "/" + f[1], f[3]);
            assertTrue(before == null || before.equals(f[3]), line + " vs " + before);
        }
        assertTrue(level.size() > 10);
    }

    @Test
    void theTruthFileHoldsEachSeriesDaysPassProbability() throws IOException {
        GenerationReport r =
                new Generator(noisy().truth(true).build()).writeTo(tmp, Generator.Progress.NONE);
        List<String> lines = Files.readAllLines(tmp.resolve(Generator.TRUTH_FILE));
        assertEquals(Generator.TRUTH_HEADER, lines.get(0));
        Map<String, double[]> truth = new HashMap<>(); // key -> {probability, planned}
        long planned = 0;
        int incidentDays = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double p = Double.parseDouble(f[3]);
            assertTrue(p >= 0 && p <= 1, line);
            double drop = Double.parseDouble(f[5]);
            assertTrue(drop >= 0 && drop <= 1, line);
            incidentDays += drop > 0 ? 1 : 0;
            truth.put(f[0] + "/" + f[1] + "/" + f[2], new double[] {p, Integer.parseInt(f[4])});
            planned += Integer.parseInt(f[4]);
        }
        assertEquals(r.rowsWritten(), planned, "every row belongs to a planned series-day");
        // Incidents come every 25 to 90 days per series and last days: a few percent of days.
        double share = incidentDays / (double) (lines.size() - 1);
        assertTrue(share > 0.01 && share < 0.5, "incident days " + share);
        // Over all valid executions, passes match the sum of their day's probabilities.
        double expected = 0;
        long passes = 0;
        List<Rows.Execution> valid = Rows.valid(Rows.read(tmp, r.files()));
        for (Rows.Execution e : valid) {
            double[] t = truth.get(e.datasetUuid() + "/" + e.ruleCode() + "/" + e.date());
            assertTrue(t != null, "a valid execution on a day the truth does not list: " + e);
            expected += t[0];
            passes += e.passed() ? 1 : 0;
        }
        double sd = Math.sqrt(valid.size() * 0.25);
        assertEquals(expected, passes, 4 * sd, "passes vs the truth's expectation");
        assertTrue(
                truth.keySet().stream().anyMatch(k -> k.endsWith(LocalDate.of(2024, 4, 1) + "")));
    }
}
