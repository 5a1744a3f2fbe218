package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.generate.Generator;
import com.dataquality.dqs.generate.GeneratorConfig;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.model.Trainer;
import com.dataquality.dqs.retrain.HistoryFiles;
import com.dataquality.dqs.retrain.RetrainLoop;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dqs retrain}: promotes a better candidate, keeps the active model otherwise. */
class RetrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    private Path generate(GeneratorConfig cfg) {
        new Generator(cfg).writeTo(tmp.resolve("data"), Generator.Progress.NONE);
        return tmp.resolve("data").resolve(Generator.dataFileName(0, 1));
    }

    /** The rows dated before {@code cut} (and the header), as a new file. */
    private Path before(Path csv, String cut) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", 3);
            if (f.length > 2 && f[1].length() >= 10 && f[1].substring(0, 10).compareTo(cut) < 0) {
                out.add(l);
            }
        }
        Path p = tmp.resolve("before-" + cut + ".csv");
        Files.write(p, out);
        return p;
    }

    private ModelRegistry registryWith(Path history, int throughDay) throws Exception {
        HistoryFiles.Read read = HistoryFiles.read(List.of(history), throughDay);
        ForecastModel m =
                new Trainer(x -> {}).train(read.table().series(), read.valid(), Instant.now());
        ModelRegistry reg = new ModelRegistry(Files.createDirectories(tmp.resolve("registry")));
        reg.promote(reg.add(m));
        return reg;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static JsonNode lastLogLine(ModelRegistry reg) throws Exception {
        List<String> lines = Files.readAllLines(reg.dir().resolve(RetrainLoop.LOG));
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void aCandidateWorseThanTheActiveModelIsNotPromotedAndTheLogSaysWhy() throws Exception {
        Path csv = generate(GeneratorConfig.builder().seed(42).build());
        // The active model learned from the whole year, the comparison week included; the
        // candidate sees 14 days: it cannot do better.
        ModelRegistry reg = registryWith(csv, Integer.MAX_VALUE);
        String active = reg.activeVersion().orElseThrow();
        Path publish = Files.createDirectories(tmp.resolve("publish"));
        CliRunner.Run run =
                dqs(
                        "retrain",
                        "--history",
                        csv.toString(),
                        tmp.resolve("data/rules.json").toString(),
                        "--registry",
                        reg.dir().toString(),
                        "--train-days",
                        "14",
                        "--publish-dir",
                        publish.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("retrain: kept " + active), run.out());
        assertTrue(run.out().contains("the candidate is not better"), run.out());
        assertEquals(active, reg.activeVersion().orElseThrow());
        assertEquals(1, reg.list().size(), "the loser is not added");
        assertEquals(List.of(), files(publish), "nothing published");
        JsonNode log = lastLogLine(reg);
        assertFalse(log.get("promoted").asBoolean());
        assertEquals(active, log.get("active_version").asText());
        assertTrue(
                log.get("candidate_mae").asDouble() >= log.get("active_mae").asDouble(),
                log.toString());
        assertTrue(log.get("compare_rows").asInt() > 100, log.toString());
        assertEquals("2024-12-24", log.get("compare_from").asText());
    }

    @Test
    void aCandidateThatLearnedTheDriftIsPromotedAndPublishedAtomically() throws Exception {
        Path csv =
                generate(
                        GeneratorConfig.builder()
                                .seed(42)
                                .drift(LocalDate.of(2024, 8, 1), 0.5, -0.4)
                                .build());
        ModelRegistry reg = registryWith(csv, (int) LocalDate.of(2024, 5, 31).toEpochDay());
        String old = reg.activeVersion().orElseThrow();
        Path publish = Files.createDirectories(tmp.resolve("publish"));
        CliRunner.Run run =
                dqs(
                        "retrain",
                        "--history",
                        before(csv, "2024-09-10").toString(),
                        tmp.resolve("data/rules.json").toString(),
                        "--registry",
                        reg.dir().toString(),
                        "--publish-dir",
                        publish.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("retrain: promoted "), run.out());
        String promoted = reg.activeVersion().orElseThrow();
        assertFalse(promoted.equals(old));
        assertEquals(
                List.of(publish.resolve(promoted + ModelFile.SUFFIX)),
                files(publish),
                "one model file, no temporary left");
        assertEquals(
                promoted, ModelFile.read(publish.resolve(promoted + ModelFile.SUFFIX)).version());
        JsonNode log = lastLogLine(reg);
        assertTrue(log.get("promoted").asBoolean());
        assertTrue(log.get("candidate_mae").asDouble() < log.get("active_mae").asDouble());
        assertEquals("2024-09-03", log.get("compare_from").asText());
        assertEquals("2024-05-06", log.get("train_from").asText(), "120 days before");
    }

    @Test
    void badArgumentsAreOneLine() throws Exception {
        Path csv = generate(GeneratorConfig.builder().rows(5_000).seed(1).build());
        String rules = tmp.resolve("data/rules.json").toString();
        CliRunner.Run noRegistry =
                dqs(
                        "retrain",
                        "--history",
                        csv.toString(),
                        rules,
                        "--registry",
                        tmp.resolve("nope").toString());
        assertEquals(1, noRegistry.exitCode());
        assertEquals(1, noRegistry.err().strip().lines().count(), noRegistry.err());
        assertTrue(noRegistry.err().contains("no such directory"), noRegistry.err());

        Files.createDirectories(tmp.resolve("reg"));
        CliRunner.Run badDays =
                dqs(
                        "retrain",
                        "--history",
                        csv.toString(),
                        rules,
                        "--registry",
                        tmp.resolve("reg").toString(),
                        "--compare-days",
                        "0");
        assertTrue(badDays.exitCode() != 0);
        assertEquals(1, badDays.err().strip().lines().count(), badDays.err());
        assertTrue(badDays.err().contains("--compare-days"), badDays.err());

        CliRunner.Run noRules =
                dqs(
                        "retrain",
                        "--history",
                        csv.toString(),
                        "--registry",
                        tmp.resolve("reg").toString());
        assertEquals(2, noRules.exitCode());
        assertTrue(noRules.err().contains("rules .json"), noRules.err());

        CliRunner.Run missingHistory =
                dqs(
                        "retrain",
                        "--history",
                        tmp.resolve("missing.csv").toString(),
                        rules,
                        "--registry",
                        tmp.resolve("reg").toString());
        assertEquals(1, missingHistory.exitCode());
        assertEquals(1, missingHistory.err().strip().lines().count(), missingHistory.err());
    }
}
