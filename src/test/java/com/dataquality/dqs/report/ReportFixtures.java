package com.dataquality.dqs.report;

import com.dataquality.dqs.format.DeadLetterCsv;
import com.dataquality.dqs.format.JsonForms;
import com.dataquality.dqs.format.PredictionCsv;
import com.dataquality.dqs.format.SummaryCsv;
import com.dataquality.dqs.io.FileOutputs;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.ModelRole;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RejectReason;
import com.dataquality.dqs.record.SummaryRow;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Hand-made output directories, written with the production writers ({@link SummaryCsv}, {@link
 * PredictionCsv}, {@link JsonForms}, {@link DeadLetterCsv}), for the report's tests and the browser
 * check: a run with hostile names, an interval, anomalies and a drift event.
 */
public final class ReportFixtures {
    /** Names that would break a page that put them into HTML or script as they are. */
    public static final String SCRIPT_NAME = "</script><script>window.__pwned=1</script>";

    public static final String IMG_NAME = "<img src=x onerror=\"window.__pwned=1\">";
    public static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public static final String UNICODE_NAME = "Café \"Zürich\", 東京 🚀 \uFFFD";
    public static final String SEPARATOR_NAME = "line\u2028separator & 'quote' <!-- comment";
    public static final String HOSTILE_UUID = "\"><svg onload=window.__pwned=1>";

    /** The series with anomalies and an interval: {@link #SCRIPT_NAME}, rule 101. */
    public static final String MAIN_UUID = "11111111-aaaa-4bbb-8ccc-000000000001";

    public static final String VERSION_1 = "20240101T000000000Z-aaaa0001";
    public static final String VERSION_2 = "20240101T000000000Z-bbbb0002";
    public static final LocalDate FIRST = LocalDate.of(2024, 3, 1);
    public static final int DAYS = 40;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportFixtures() {}

    /** The datasets of the hostile run: uuid, name, rule code, rule name. */
    static List<String[]> datasets() {
        return List.of(
                new String[] {MAIN_UUID, SCRIPT_NAME, "101", "Not null </script>"},
                new String[] {"22222222-aaaa-4bbb-8ccc-000000000002", IMG_NAME, "102", "=1+1"},
                new String[] {"33333333-aaaa-4bbb-8ccc-000000000003", FORMULA_NAME, "103", "ok"},
                new String[] {"44444444-aaaa-4bbb-8ccc-000000000004", UNICODE_NAME, "104", "é"},
                new String[] {HOSTILE_UUID, SEPARATOR_NAME, "105", "<b>bold</b>"});
    }

    /** A run directory: every file of a bounded {@code dqs run}, plus anomalies.jsonl. */
    public static Path hostileRun(Path dir) {
        try {
            Files.createDirectories(dir);
            List<String[]> sets = datasets();
            StringBuilder summary = new StringBuilder(SummaryCsv.header()).append('\n');
            StringBuilder upserts = new StringBuilder();
            StringBuilder predictions = new StringBuilder(PredictionCsv.header()).append('\n');
            StringBuilder realized = new StringBuilder(PredictionCsv.realizedHeader()).append('\n');
            for (int k = 0; k < sets.size(); k++) {
                String[] s = sets.get(k);
                SummaryRow row = summaryRow(s, 10 * (k + 1), 5 + k);
                summary.append(SummaryCsv.line(row)).append('\n');
                upserts.append(JsonForms.text(JsonForms.summary(row))).append('\n');
                for (int d = 0; d < DAYS; d++) {
                    int day = (int) FIRST.plusDays(d).toEpochDay();
                    boolean main = s[0].equals(MAIN_UUID);
                    double predicted = 70 + 10 * Math.sin(d / 3.0);
                    Forecast f =
                            new Forecast(
                                    s[0],
                                    Integer.parseInt(s[2]),
                                    day,
                                    predicted,
                                    main ? predicted : null,
                                    main ? predicted - 15 : null,
                                    main ? Math.min(100, predicted + 15) : null,
                                    main ? 0.9 : null,
                                    d < DAYS / 2 ? VERSION_1 : VERSION_2,
                                    ModelRole.CHAMPION,
                                    false);
                    predictions.append(PredictionCsv.line(f)).append('\n');
                    int executions = 10;
                    int passes = main && (d == 12 || d == 30) ? 1 : 6 + (d * (k + 3)) % 5;
                    realized.append(
                                    PredictionCsv.realizedLine(
                                            new PredictionRow(f, executions, passes)))
                            .append('\n');
                }
            }
            write(dir.resolve("full_summary.csv"), summary);
            write(dir.resolve("summaries.jsonl"), upserts);
            write(dir.resolve("predictions.csv"), predictions);
            write(dir.resolve("realized.csv"), realized);
            write(dir.resolve(FileOutputs.ANOMALIES), anomalies());
            write(
                    dir.resolve("drift_events.jsonl"),
                    new StringBuilder(
                            "{\"business_date\":\""
                                    + FIRST.plusDays(20)
                                    + "\",\"kind\":\"error\",\"statistic\":\"page_hinkley\","
                                    + "\"value\":7.5,\"threshold\":6.0,\"features\":[],"
                                    + "\"model_version\":\""
                                    + VERSION_1
                                    + "\",\"detail\":\"</script> daily MAE\"}\n"));
            StringBuilder dead = new StringBuilder(DeadLetterCsv.header()).append('\n');
            dead.append(
                            DeadLetterCsv.line(
                                    new DeadLetter(
                                            RejectReason.INVALID_DATE,
                                            "business_date \"</script>\" is not a date",
                                            "x,</script><script>window.__pwned=1</script>",
                                            "in.csv",
                                            DeadLetter.NO_PARTITION,
                                            7)))
                    .append('\n');
            write(dir.resolve("dead_letters.csv"), dead);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two anomalies of the main series (days 12 and 30, where its pass rate collapses). */
    static StringBuilder anomalies() throws IOException {
        StringBuilder out = new StringBuilder();
        for (int d : new int[] {12, 30}) {
            ObjectNode n = JSON.createObjectNode();
            n.put("dataset_uuid", MAIN_UUID);
            n.put("rule_code", 101);
            n.put("business_date", FIRST.plusDays(d).toString());
            n.put("actual_pass_percentage", 10.0);
            n.put("predicted_median", 72.5);
            n.put("predicted_lower", 57.5);
            n.put("predicted_upper", 87.5);
            n.put("interval_level", 0.9);
            n.put("executions", 10);
            n.put("model_version", d < DAYS / 2 ? VERSION_1 : VERSION_2);
            n.put("severity", d == 12 ? "high" : "<b>critical</b>");
            n.put("direction", "down");
            out.append(JSON.writeValueAsString(n)).append('\n');
        }
        return out;
    }

    static SummaryRow summaryRow(String[] s, long pass, long fail) {
        double rate = (double) fail / (pass + fail);
        return new SummaryRow(
                "src \"a\"",
                "tenant <t>",
                s[0],
                s[1],
                Integer.parseInt(s[2]),
                s[3],
                "TYPE",
                "Completeness",
                "description",
                "C1",
                FIRST.plusDays(DAYS - 1).toString(),
                100L,
                90L,
                pass,
                fail,
                pass / 2,
                fail,
                pass,
                fail,
                pass,
                fail,
                rate,
                (double) fail / (pass / 2 + fail),
                rate,
                rate,
                "up",
                "DATASET",
                1,
                0,
                1,
                1,
                FIRST.plusDays(DAYS - 1).toString());
    }

    /** The summaries of a run only, as {@code summarize} writes them: no forecasts. */
    public static Path summarizeOnly(Path from, Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : List.of("full_summary.csv", "dead_letters.csv", "run_report.json")) {
                if (Files.isRegularFile(from.resolve(name))) {
                    Files.copy(from.resolve(name), dir.resolve(name));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, CharSequence text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
