package com.dataquality.dqs.cli;

import static com.dataquality.dqs.cli.CliRunner.dqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ServingDocument;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.ModelRole;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dqs models}: the registry's versions and audit log, the decisions sent to running jobs
 * through a models directory (the documents a job reads, checked with the job's own parser), the
 * offline comparison, and bad arguments as one line.
 */
class ModelsCommandTest {
    @TempDir static Path dir;
    private static Path history;
    private static Path modelA;
    private static Path modelB;

    @BeforeAll
    static void twoModels() {
        history = dir.resolve("data");
        CliRunner.Run gen = dqs("generate", "--output-dir", history.toString(), "--seed", "1");
        assertEquals(0, gen.exitCode(), gen.err());
        Path other = dir.resolve("other");
        gen = dqs("generate", "--output-dir", other.toString(), "--seed", "2");
        assertEquals(0, gen.exitCode(), gen.err());
        modelA = train(history, "a");
        modelB = train(other, "b");
    }

    private static Path train(Path data, String name) {
        Path model = dir.resolve(name + ModelFile.SUFFIX);
        CliRunner.Run t =
                dqs(
                        "train-model",
                        data.resolve("rule_executions.csv").toString(),
                        data.resolve("rules.json").toString(),
                        "--output-model",
                        model.toString());
        assertEquals(0, t.exitCode(), t.err());
        return model;
    }

    private static String ok(String... args) {
        CliRunner.Run r = dqs(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
        return r.out().strip();
    }

    private static void fails(int exit, String expected, String... args) {
        CliRunner.Run r = dqs(args);
        assertEquals(exit, r.exitCode(), String.join(" ", args) + ": " + r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("dqs: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    /** The one document a command wrote into the models directory, as the job parses it. */
    private static ModelCommand onlyNewDocument(Path models, List<Path> before) throws Exception {
        try (Stream<Path> s = Files.list(models)) {
            List<Path> fresh = s.filter(p -> !before.contains(p)).toList();
            assertEquals(1, fresh.size(), fresh.toString());
            assertTrue(!fresh.get(0).getFileName().toString().startsWith("."));
            return ServingDocument.parse(Files.readAllBytes(fresh.get(0)), "test");
        }
    }

    private static List<Path> files(Path models) throws Exception {
        try (Stream<Path> s = Files.list(models)) {
            return s.toList();
        }
    }

    @Test
    void decisionsChangeTheRegistryReachTheJobsAndAreAudited() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("registry"));
        Path models = Files.createDirectories(dir.resolve("models"));
        String reg = registry.toString();
        String a = ok("models", "add", "--registry", reg, modelA.toString(), "--promote");
        assertTrue(a.matches("1\\.0\\.0\\+[0-9a-f]{8} \\(active\\)"), a);
        a = a.substring(0, a.indexOf(' '));
        String b = ok("models", "add", "--registry", reg, modelB.toString());
        assertTrue(b.matches("1\\.1\\.0\\+[0-9a-f]{8}"), b);
        assertEquals(a, ok("models", "add", "--registry", reg, modelA.toString()), "same trees");
        assertTrue(ok("models", "list", "--registry", reg).contains("* " + a));

        List<Path> before = files(models);
        String served =
                ok(
                        "models",
                        "serve",
                        b,
                        "--share",
                        "0.2",
                        "--registry",
                        reg,
                        "--models-dir",
                        models.toString(),
                        "--reason",
                        "try B on a fifth");
        assertTrue(served.startsWith("challenger: " + b), served);
        ModelCommand serve = onlyNewDocument(models, before);
        assertEquals(ModelCommand.Action.SERVE, serve.action());
        assertEquals(ModelRole.CHALLENGER, serve.role());
        assertEquals(0.2, serve.share());
        assertEquals(b, serve.version());

        before = files(models);
        ok("models", "promote", b, "--registry", reg, "--models-dir", models.toString());
        ModelCommand promote = onlyNewDocument(models, before);
        assertEquals(ModelRole.CHAMPION, promote.role());
        assertEquals(b, promote.version());

        before = files(models);
        assertTrue(
                ok("models", "rollback", "--registry", reg, "--models-dir", models.toString())
                        .startsWith("active: " + a));
        ModelCommand back = onlyNewDocument(models, before);
        assertEquals(ModelRole.CHAMPION, back.role());
        assertEquals(a, back.version());

        before = files(models);
        ok("models", "retire", b, "--registry", reg, "--models-dir", models.toString());
        ModelCommand retire = onlyNewDocument(models, before);
        assertEquals(ModelCommand.Action.RETIRE, retire.action());
        assertEquals(b, retire.version());

        String untold = ok("models", "promote", b, "--registry", reg);
        assertTrue(untold.contains("no running job told"), untold);

        String audit = ok("models", "audit", "--registry", reg);
        List<String> actions = audit.lines().map(l -> l.split(" +")[1]).toList();
        assertEquals(
                List.of(
                        "add",
                        "promote",
                        "add",
                        "add",
                        "serve-challenger",
                        "promote",
                        "rollback",
                        "retire",
                        "promote"),
                actions,
                audit);
        assertTrue(audit.contains("try B on a fifth"), audit);
        ObjectMapper json = new ObjectMapper();
        for (String line : ok("models", "audit", "--registry", reg, "--json").split("\n")) {
            assertTrue(json.readTree(line).has("time"), line);
        }
    }

    @Test
    void compareScoresBothVersionsOnTheSameDaysAndPrintsThePairedTest() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("compare-registry"));
        String reg = registry.toString();
        String a = ok("models", "add", "--registry", reg, modelA.toString());
        String b = ok("models", "add", "--registry", reg, modelB.toString());
        String csv = history.resolve("rule_executions.csv").toString();
        String table = ok("models", "compare", a, b, "--registry", reg, "--history", csv);
        assertTrue(table.startsWith("A = " + a + ", B = " + b + ": "), table);
        assertTrue(table.contains("B minus A"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("abs ")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("squared ")), table);
        assertTrue(table.contains("28 days") || table.matches("(?s).*abs +28 .*"), table);

        // A model against itself: no difference, whatever the days.
        String same =
                ok(
                        "models",
                        "compare",
                        a,
                        a,
                        "--registry",
                        reg,
                        "--history",
                        csv,
                        "--from",
                        "2024-06-01");
        String abs = same.lines().filter(l -> l.startsWith("abs ")).findFirst().orElseThrow();
        assertTrue(abs.endsWith("no significant difference"), same);
        assertTrue(abs.contains(" 0.0000 "), abs);
    }

    @Test
    void badArgumentsAreOneLine() throws Exception {
        Path registry = Files.createDirectories(dir.resolve("bad-registry"));
        String reg = registry.toString();
        String a = ok("models", "add", "--registry", reg, modelA.toString());
        String csv = history.resolve("rule_executions.csv").toString();
        fails(Dqs.EXIT_USAGE, "--share", "models", "serve", a, "--share", "0.7", "--registry", reg);
        fails(
                Dqs.EXIT_USAGE,
                "not both",
                "models",
                "promote",
                a,
                "--registry",
                reg,
                "--models-dir",
                reg,
                "--kafka",
                "127.0.0.1:9");
        fails(
                Dqs.EXIT_USAGE,
                "not a directory",
                "models",
                "promote",
                a,
                "--registry",
                reg,
                "--models-dir",
                dir.resolve("nope").toString());
        fails(
                Dqs.EXIT_INPUT,
                "no model version 9.9.9",
                "models",
                "promote",
                "9.9.9",
                "--registry",
                reg);
        fails(Dqs.EXIT_INPUT, "nothing to roll back", "models", "rollback", "--registry", reg);
        fails(
                Dqs.EXIT_INPUT,
                "no model version 9.9.9",
                "models",
                "compare",
                a,
                "9.9.9",
                "--registry",
                reg,
                "--history",
                csv);
        fails(
                Dqs.EXIT_INPUT,
                "has no day on or after 2030-01-01",
                "models",
                "compare",
                a,
                a,
                "--registry",
                reg,
                "--history",
                csv,
                "--from",
                "2030-01-01");
        fails(
                Dqs.EXIT_USAGE,
                "--alpha",
                "models",
                "compare",
                a,
                a,
                "--registry",
                reg,
                "--history",
                csv,
                "--alpha",
                "0.9");
        fails(
                Dqs.EXIT_USAGE,
                "not a date",
                "models",
                "compare",
                a,
                a,
                "--registry",
                reg,
                "--history",
                csv,
                "--from",
                "June");
        Path rules = history.resolve("rules.json");
        fails(
                Dqs.EXIT_USAGE,
                "--promote-alpha",
                "run",
                "--rules",
                rules.toString(),
                "--input",
                csv,
                "--promote-alpha",
                "0.7");
        fails(
                Dqs.EXIT_USAGE,
                "--promote-loss",
                "run",
                "--rules",
                rules.toString(),
                "--input",
                csv,
                "--promote-loss",
                "huber");
        fails(
                Dqs.EXIT_USAGE,
                "--promote-min-days",
                "run",
                "--rules",
                rules.toString(),
                "--input",
                csv,
                "--promote-min-days",
                "1");
        fails(
                Dqs.EXIT_USAGE,
                "--promote-min-improvement",
                "run",
                "--rules",
                rules.toString(),
                "--input",
                csv,
                "--promote-min-improvement",
                "-0.1");
        fails(
                Dqs.EXIT_USAGE,
                "--min-improvement",
                "models",
                "compare",
                a,
                a,
                "--registry",
                reg,
                "--history",
                csv,
                "--min-improvement",
                "0.5");
        fails(
                Dqs.EXIT_USAGE,
                "--role",
                "publish",
                "--kafka",
                "127.0.0.1:9",
                "--model",
                modelA.toString(),
                "--role",
                "boss");
        fails(
                Dqs.EXIT_USAGE,
                "--share",
                "publish",
                "--kafka",
                "127.0.0.1:9",
                "--model",
                modelA.toString(),
                "--share",
                "0.3");
    }
}
