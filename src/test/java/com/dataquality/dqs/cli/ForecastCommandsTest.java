package com.dataquality.dqs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.model.Baselines;
import com.dataquality.dqs.model.ForecastModel;
import com.dataquality.dqs.model.Metrics;
import com.dataquality.dqs.model.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The forecasting commands end to end, on data from {@code dqs generate}. */
class ForecastCommandsTest {

    @TempDir static Path dir;
    static Path data;
    static Path model;
    static ForecastModel trained;
    static Result training;

    record Result(int exit, String out, String err) {}

    static Result dqs(String... args) {
        CommandLine cl = Dqs.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void generateAndTrain() {
        data = dir.resolve("data");
        Result gen = dqs("generate", "--output-dir", data.toString());
        assertEquals(0, gen.exit(), gen.err());
        model = dir.resolve("m.model.json");
        training =
                dqs(
                        "train-model",
                        data.resolve("rule_executions.csv").toString(),
                        data.resolve("rules.json").toString(),
                        "--output-model",
                        model.toString());
        assertEquals(0, training.exit(), training.err());
        trained = ModelFile.read(model);
    }

    @Test
    void modelBeatsEveryBaselineOnDefaultGeneratedData() {
        assertTrue(training.out().contains("the model beats every baseline"), training.out());
        Metrics m = trained.holdoutMetrics().get("model");
        for (String b : Baselines.NAMES) {
            Metrics base = trained.holdoutMetrics().get(b);
            assertTrue(m.mae() < base.mae(), b + " MAE");
            assertTrue(m.rmse() <= 0.95 * base.rmse(), b + " RMSE by 5%");
        }
        assertTrue(m.mase() < 1, "MASE " + m.mase());
        // It travels in Flink broadcast state and every checkpoint, and in one Kafka message:
        // about 200 trees of 15 leaves stay well below Kafka's default 1 MB.
        assertTrue(model.toFile().length() < 500_000, "model file " + model.toFile().length());
        assertTrue(training.err().contains("train-model: read "), training.err());
        for (String b : Baselines.NAMES) {
            assertTrue(training.out().contains(b), "table lists " + b);
        }
    }

    @Test
    void aRunWithTheModelWritesAnomaliesThatAreRealizedDaysOutsideTheirInterval() throws Exception {
        Path out = dir.resolve("run-anomalies");
        Result run =
                dqs(
                        "run",
                        "--rules",
                        data.resolve("rules.json").toString(),
                        "--input",
                        data.resolve("rule_executions.csv").toString(),
                        "--model",
                        model.toString(),
                        "--anomaly-level",
                        "0.98",
                        "--output-dir",
                        out.toString(),
                        "--web-ui-port",
                        Integer.toString(CliRunner.freePort()));
        assertEquals(0, run.exit(), run.err());
        // Every realized day of the primary forecasts, by series and day.
        List<String> realized = Files.readAllLines(out.resolve(FileOutputs.REALIZED));
        List<String> head = List.of(realized.get(0).split(","));
        java.util.Map<String, String[]> byDay = new java.util.HashMap<>();
        for (String line : realized.subList(1, realized.size())) {
            String[] c = line.split(",");
            byDay.put(c[0] + "|" + c[1] + "|" + c[2], c);
        }
        List<String> lines = Files.readAllLines(out.resolve(FileOutputs.ANOMALIES));
        assertTrue(!lines.isEmpty(), "generated data has incidents: some days are abnormal");
        assertTrue(
                lines.size() < byDay.size() / 10,
                lines.size() + " anomalies among " + byDay.size() + " realized days");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : lines) {
            var a = json.readTree(line);
            String key =
                    a.get("dataset_uuid").asText()
                            + "|"
                            + a.get("rule_code").asInt()
                            + "|"
                            + a.get("business_date").asText();
            assertTrue(seen.add(key), "one anomaly per series-day: " + key);
            String[] r = byDay.get(key);
            assertTrue(r != null, "an anomaly is a realized day: " + key);
            int executions = Integer.parseInt(r[head.indexOf("executions")]);
            int passes = Integer.parseInt(r[head.indexOf("passes")]);
            int window = a.get("window_days").asInt();
            if (window == 2) {
                // The day with the day before: both realized, counted together.
                String[] before =
                        byDay.get(
                                a.get("dataset_uuid").asText()
                                        + "|"
                                        + a.get("rule_code").asInt()
                                        + "|"
                                        + java.time.LocalDate.parse(a.get("business_date").asText())
                                                .minusDays(1));
                assertTrue(before != null, "a two-day anomaly follows a realized day: " + line);
                executions += Integer.parseInt(before[head.indexOf("executions")]);
                passes += Integer.parseInt(before[head.indexOf("passes")]);
            } else {
                assertEquals(1, window, line);
            }
            double actual = a.get("actual_pass_percentage").asDouble();
            assertEquals(executions, a.get("executions").asInt(), line);
            assertEquals(passes, a.get("passes").asInt(), line);
            assertEquals(100.0 * passes / executions, actual, 1e-9, line);
            assertEquals(0.98, a.get("interval_level").asDouble());
            String direction = a.get("direction").asText();
            assertTrue(
                    direction.equals("below")
                            ? actual < a.get("predicted_lower").asDouble()
                            : actual > a.get("predicted_upper").asDouble(),
                    line);
            assertTrue(List.of("warning", "critical").contains(a.get("severity").asText()), line);
        }
    }

    @Test
    void badForecastLevelsAreOneLine() {
        for (String[] bad :
                new String[][] {
                    {"--anomaly-level", "1"},
                    {"--anomaly-level", "0.9995"},
                    {"--interval-level", "0"},
                    {"--interval-level", "ninety"}
                }) {
            Result r =
                    dqs(
                            "run",
                            "--rules",
                            data.resolve("rules.json").toString(),
                            "--input",
                            data.resolve("rule_executions.csv").toString(),
                            bad[0],
                            bad[1]);
            assertEquals(Dqs.EXIT_USAGE, r.exit(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(bad[0]), r.err());
        }
    }

    @Test
    void predictPrintsOnePercentageForEveryRuleCodeSpelling() {
        String ds = trained.vocabularies().datasetUuids()[0];
        String rule = String.valueOf(trained.vocabularies().ruleCodes()[0]);
        String history = data.resolve("rule_executions.csv").toString();
        String first = null;
        for (String spelling :
                List.of(rule, "R" + rule, "r" + rule, "0" + rule, " " + rule + " ")) {
            Result r =
                    dqs(
                            "predict",
                            "--model",
                            model.toString(),
                            "--dataset-uuid",
                            ds,
                            "--rule-code",
                            spelling,
                            "--date",
                            "2024-12-01",
                            "--history",
                            history);
            assertEquals(0, r.exit(), r.err());
            String[] words = r.out().trim().split(" ");
            double p = Double.parseDouble(words[0]);
            assertTrue(words[1].startsWith("median=") && words[2].startsWith("lower="), r.out());
            assertTrue(p >= 0 && p <= 100);
            if (first == null) {
                first = r.out();
            }
            assertEquals(first, r.out());
        }
        Result noHistory =
                dqs(
                        "predict",
                        "--model",
                        model.toString(),
                        "--dataset-uuid",
                        ds,
                        "--rule-code",
                        rule,
                        "--date",
                        "2024-12-01");
        assertEquals(0, noHistory.exit(), noHistory.err());
        assertTrue(
                noHistory.out().trim().matches("\\d+\\.\\d{4} median=\\d+\\.\\d{4} lower=.*"),
                noHistory.out());
    }

    @Test
    void predictRejectsBadArgumentsWithOneLine() {
        Result badDate =
                dqs(
                        "predict",
                        "--model",
                        model.toString(),
                        "--dataset-uuid",
                        "x",
                        "--rule-code",
                        "101",
                        "--date",
                        "01/02/2024");
        assertEquals(Dqs.EXIT_USAGE, badDate.exit());
        assertOneLine(badDate.err(), "not a date");
        Result badRule =
                dqs(
                        "predict",
                        "--model",
                        model.toString(),
                        "--dataset-uuid",
                        "x",
                        "--rule-code",
                        "abc",
                        "--date",
                        "2024-01-02");
        assertEquals(Dqs.EXIT_USAGE, badRule.exit());
        assertOneLine(badRule.err(), "not a rule code");
        Result lastDay =
                dqs(
                        "predict",
                        "--model",
                        model.toString(),
                        "--dataset-uuid",
                        "x",
                        "--rule-code",
                        "101",
                        "--date",
                        "9999-12-31");
        assertEquals(Dqs.EXIT_USAGE, lastDay.exit());
        assertOneLine(lastDay.err(), "outside the supported business dates");
        Result missing =
                dqs(
                        "predict",
                        "--model",
                        dir.resolve("none.model.json").toString(),
                        "--dataset-uuid",
                        "x",
                        "--rule-code",
                        "101",
                        "--date",
                        "2024-01-02");
        assertEquals(Dqs.EXIT_INPUT, missing.exit());
        assertOneLine(missing.err(), "none.model.json: no such file");
    }

    @Test
    void aCorruptModelIsOneLineAndExitsNonZero() throws Exception {
        Path corrupt = dir.resolve("corrupt.model.json");
        Files.writeString(corrupt, Files.readString(model).substring(0, 500));
        Result r =
                dqs(
                        "batch-predict",
                        "--model",
                        corrupt.toString(),
                        "--input",
                        model.toString(),
                        "--output",
                        dir.resolve("o.csv").toString());
        assertEquals(Dqs.EXIT_INPUT, r.exit());
        assertOneLine(r.err(), "corrupt.model.json: not a dqs model file");
    }

    @Test
    void batchPredictScoresGoodRowsAndMarksBadOnes() throws Exception {
        String ds = trained.vocabularies().datasetUuids()[1];
        Path in = dir.resolve("requests.csv");
        Files.writeString(
                in,
                "dataset_uuid,rule_code,business_date\n"
                        + ds
                        + ",R"
                        + trained.vocabularies().ruleCodes()[0]
                        + ",2024-12-20\n"
                        + ds
                        + ",bad,2024-12-20\n"
                        + ds
                        + ",101,2024-13-01\n"
                        + "unknown-ds,101,2024-12-21\n");
        Path out = dir.resolve("predictions.csv");
        Result r =
                dqs(
                        "batch-predict",
                        "--model",
                        model.toString(),
                        "--input",
                        in.toString(),
                        "--output",
                        out.toString(),
                        "--history",
                        data.resolve("rule_executions.csv").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(5, lines.size());
        assertTrue(
                lines.get(0)
                        .endsWith(
                                "predicted_pass_percentage,model_version,error,"
                                        + "predicted_median,predicted_lower,predicted_upper"));
        String[] good = lines.get(1).split(",");
        assertEquals(trained.version(), good[4], lines.get(1));
        assertEquals("", good[5], "no error");
        double lower = Double.parseDouble(good[7]);
        double upper = Double.parseDouble(good[8]);
        assertTrue(lower <= Double.parseDouble(good[6]) && Double.parseDouble(good[6]) <= upper);
        assertTrue(lines.get(2).contains("not a rule code"), lines.get(2));
        assertTrue(lines.get(3).contains("not a date"), lines.get(3));
        assertTrue(lines.get(4).startsWith("unknown-ds,101,2024-12-21,"), lines.get(4));
        assertTrue(r.err().contains("4 rows, 2 forecast, 2 with an error"), r.err());
    }

    @Test
    void trainModelRejectsBadArguments() {
        Result noRules =
                dqs(
                        "train-model",
                        data.resolve("rule_executions.csv").toString(),
                        data.resolve("rule_executions.csv").toString(),
                        "--output-model",
                        dir.resolve("x.model.json").toString());
        assertEquals(Dqs.EXIT_USAGE, noRules.exit());
        assertOneLine(noRules.err(), "rules .json");
        Result missing =
                dqs(
                        "train-model",
                        dir.resolve("missing.csv").toString(),
                        data.resolve("rules.json").toString(),
                        "--output-model",
                        dir.resolve("x.model.json").toString());
        assertEquals(Dqs.EXIT_INPUT, missing.exit());
        assertOneLine(missing.err(), "missing.csv");
        Result noBudget =
                dqs(
                        "train-model",
                        data.resolve("rule_executions.csv").toString(),
                        data.resolve("rules.json").toString(),
                        "--output-model",
                        dir.resolve("x.model.json").toString(),
                        "--tune",
                        "--time-budget",
                        "0s");
        assertEquals(Dqs.EXIT_USAGE, noBudget.exit());
        assertOneLine(noBudget.err(), "--time-budget must be positive");
    }

    private static void assertOneLine(String err, String expected) {
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("dqs: "), err);
        assertTrue(err.contains(expected), err);
    }
}
