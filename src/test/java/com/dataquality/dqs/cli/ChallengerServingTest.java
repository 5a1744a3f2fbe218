package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.model.Trainer;
import com.dataquality.dqs.record.Keys;
import com.dataquality.dqs.retrain.HistoryFiles;
import com.dataquality.dqs.scoring.SeriesForecaster;
import com.dataquality.dqs.stream.MetricNames;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A challenger served by hand on an A/B split, end to end: {@code dqs models serve --share} while
 * the job runs, a stop with a savepoint and a resume halfway through the year, and the comparison.
 * The split is the same for every series before and after the restart; a worse challenger is never
 * promoted (even with {@code --auto-promote}), the comparison says the champion is better, and
 * {@code dqs models compare} says the same offline.
 */
class ChallengerServingTest {
    private static final double SHARE = 0.3;

    @TempDir Path tmp;

    @Test
    void aWorseChallengerOnAnAbSplitKeepsItsSeriesAcrossARestartAndIsNeverPromoted()
            throws Exception {
        TreeMap<Integer, Path> months =
                LiveFeed.monthlyFiles(GeneratorConfig.builder().seed(11).build(), tmp);
        Path registry = Files.createDirectories(tmp.resolve("registry"));
        ModelRegistry reg = new ModelRegistry(registry);
        HistoryFiles.Read spring =
                HistoryFiles.read(months.headMap(5).values().stream().toList(), Integer.MAX_VALUE);
        Trainer trainer = new Trainer(x -> {});
        String champion =
                reg.add(
                        trainer.train(spring.table().series(), spring.valid(), Instant.now()),
                        "test",
                        "champion");
        reg.promote(champion);
        String worse = reg.add(noiseModel(spring.table(), trainer), "test", "trained on noise");

        Path in = Files.createDirectories(tmp.resolve("in"));
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path out = tmp.resolve("out");
        Path predictions = out.resolve(FileOutputs.PREDICTIONS);
        Path shadow = out.resolve(FileOutputs.SHADOW_PREDICTIONS);
        List<String> run =
                List.of(
                        "--model",
                        registry.resolve(champion + ModelFile.SUFFIX).toString(),
                        "--models-dir",
                        models.toString(),
                        "--registry",
                        registry.toString(),
                        "--auto-promote",
                        "--parallelism",
                        "2",
                        // The second reader has no file: it must not hold days open for long.
                        "--idle-timeout",
                        "500ms");

        // January to June, the challenger served from February on.
        String savepoint =
                feed(
                        run,
                        months,
                        1,
                        6,
                        null,
                        (month, port) -> {
                            if (month == 1) {
                                CliRunner.Run serve =
                                        dqs(
                                                "models",
                                                "serve",
                                                worse,
                                                "--share",
                                                Double.toString(SHARE),
                                                "--registry",
                                                registry.toString(),
                                                "--models-dir",
                                                models.toString(),
                                                "--reason",
                                                "A/B test");
                                assertEquals(0, serve.exitCode(), serve.err());
                                assertTrue(serve.out().startsWith("challenger: " + worse));
                                // Every forecast subtask serves it before February arrives.
                                LiveFeed.await(
                                        "two models served by every forecast subtask",
                                        30,
                                        () ->
                                                LiveFeed.minOperatorMetric(
                                                                port, MetricNames.MODELS_SERVED)
                                                        >= 2);
                            }
                        });
        // July to December in a new run resumed from the savepoint: same options, same --model.
        feed(run, months, 7, 12, savepoint, (month, port) -> {});

        // The split: after the challenger arrived, every series sees one model, the one its key's
        // split point picks, before and after the restart.
        List<String[]> rows = csvRows(predictions);
        String firstWorse =
                rows.stream()
                        .filter(r -> r[4].equals(worse))
                        .map(r -> r[2])
                        .min(String::compareTo)
                        .orElseThrow(() -> new AssertionError("the challenger served no series"));
        String settled = java.time.LocalDate.parse(firstWorse).plusDays(2).toString();
        Map<String, String> servedBy = new HashMap<>();
        int afterRestart = 0;
        for (String[] r : rows) {
            if (r[2].compareTo(settled) < 0) {
                continue;
            }
            String key = Keys.seriesKey(r[0], Integer.parseInt(r[1]));
            String expected = SeriesForecaster.splitPoint(key) < SHARE ? worse : champion;
            assertEquals(expected, r[4], "series " + r[0] + "/" + r[1] + " on " + r[2]);
            assertEquals(r[4].equals(worse) ? "challenger" : "champion", r[9]);
            servedBy.put(key, r[4]);
            if (r[2].compareTo("2024-07-01") >= 0) {
                afterRestart++;
            }
        }
        assertTrue(afterRestart > 1000, afterRestart + " forecasts after the restart");
        long onWorse = servedBy.values().stream().filter(worse::equals).count();
        double share = onWorse / (double) servedBy.size();
        assertTrue(share > 0.1 && share < 0.5, "share of series on the challenger: " + share);
        // Both models forecast every series: what one serves, the other forecasts in shadow.
        assertTrue(csvRows(shadow).stream().anyMatch(r -> r[4].equals(champion)));
        assertTrue(
                csvRows(shadow).stream()
                        .anyMatch(r -> r[4].equals(worse) && r[2].compareTo("2024-07-01") > 0),
                "the challenger is still served after the restart");

        // Never promoted; the comparison says the champion is better, significantly.
        List<JsonNode> comparisons = LiveFeed.jsonLines(out.resolve(FileOutputs.COMPARISONS));
        assertFalse(comparisons.isEmpty());
        assertTrue(
                comparisons.stream().noneMatch(c -> c.get("verdict").asText().equals("promoted")));
        JsonNode last = comparisons.get(comparisons.size() - 1);
        assertEquals(worse, last.get("challenger").asText());
        assertEquals("champion-better", last.get("verdict").asText(), last.toString());
        assertTrue(last.get("ci_low").asDouble() > 0, last.toString());
        assertEquals(champion, reg.activeVersion().orElseThrow());
        assertTrue(reg.audit().stream().noneMatch(e -> "auto-promote".equals(e.get("by"))));
        assertTrue(
                reg.audit().stream()
                        .anyMatch(
                                e ->
                                        "serve-challenger".equals(e.get("action"))
                                                && worse.equals(e.get("version"))
                                                && "A/B test".equals(e.get("reason"))));

        // The same verdict offline, on the second half of the year.
        List<String> compare =
                new ArrayList<>(
                        List.of(
                                "models",
                                "compare",
                                champion,
                                worse,
                                "--registry",
                                registry.toString(),
                                "--from",
                                "2024-07-01",
                                "--history"));
        months.values().forEach(p -> compare.add(p.toString()));
        CliRunner.Run table = dqs(compare.toArray(String[]::new));
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("B minus A"), table.out());
        String absLine =
                table.out().lines().filter(l -> l.startsWith("abs ")).findFirst().orElseThrow();
        assertTrue(absLine.endsWith("A better"), table.out());
        assertTrue(table.out().contains("keeps A, judged better after "), table.out());
        assertTrue(table.out().contains("2024-07-01 to 2024-12-"), table.out());
    }

    /** Runs the job over some months (resuming from a savepoint or not); returns its savepoint. */
    private String feed(
            List<String> options,
            TreeMap<Integer, Path> months,
            int from,
            int to,
            String savepoint,
            AfterMonth after)
            throws Exception {
        List<String> extra = new ArrayList<>(options);
        if (savepoint != null) {
            extra.addAll(List.of("--from-savepoint", savepoint));
        }
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        Path predictions = out.resolve(FileOutputs.PREDICTIONS);
        LiveFeed.Job job =
                LiveFeed.Job.start(
                        tmp.resolve("rules.json"), in, out, extra.toArray(String[]::new));
        try {
            for (int m = from; m <= to; m++) {
                LiveFeed.drop(months.get(m), in);
                String last =
                        java.time.LocalDate.of(2024, m, 1).plusMonths(1).minusDays(2).toString();
                LiveFeed.await(
                        "forecasts through " + last,
                        40,
                        () -> LiveFeed.predictedThrough(predictions, last));
                after.accept(m, job.restPort());
            }
        } finally {
            savepoint = job.stop(tmp.resolve("savepoints"));
        }
        return savepoint;
    }

    private interface AfterMonth {
        void accept(int month, int restPort) throws Exception;
    }

    /**
     * A model that learned nothing: trained on the same series-days with pass counts drawn at
     * random, it forecasts about the middle for every series, far worse than the champion.
     */
    private static ForecastModel noiseModel(DailySeriesTable real, Trainer trainer) {
        DailySeriesTable noise = new DailySeriesTable();
        Random random = new Random(3);
        for (DailySeries s : real.series()) {
            for (int i = 0; i < s.size(); i++) {
                int n = s.executions()[i];
                noise.addDay(s.datasetUuid(), s.ruleCode(), s.days()[i], n, random.nextInt(n + 1));
            }
        }
        return trainer.train(noise.series(), noise.records(), Instant.now());
    }

    private static List<String[]> csvRows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }
}
