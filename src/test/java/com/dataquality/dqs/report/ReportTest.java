package com.dataquality.dqs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.format.Csv;
import com.dataquality.dqs.format.PredictionCsv;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.model.ModelRegistry;
import com.dataquality.dqs.model.TestModels;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: what it reads, what it says is absent, and that nothing it embeds escapes. */
class ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"dqs-data\">";

    @TempDir Path tmp;

    private String html(ReportSources sources) throws IOException {
        Path out = tmp.resolve("report-" + System.nanoTime() + ".html");
        Report.write(sources, out, line -> {});
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static JsonNode data(String html) throws IOException {
        int from = html.indexOf(DATA_OPEN) + DATA_OPEN.length();
        int to = html.indexOf("</script>", from);
        return JSON.readTree(html.substring(from, to));
    }

    private static ReportSources dirs(Path... dirs) {
        return new ReportSources(List.of(dirs), null, null);
    }

    private static Map<String, JsonNode> seriesByUuid(JsonNode data) {
        Map<String, JsonNode> out = new HashMap<>();
        data.get("series").forEach(s -> out.put(s.get("u").asText(), s));
        return out;
    }

    @Test
    void hostileNamesStayDataAndComeBackExactly() throws IOException {
        Path run = ReportFixtures.hostileRun(tmp.resolve("run"));
        String html = html(dirs(run));

        // Only our own three script elements close: none of the names closes one.
        assertEquals(3, count(html, "</script"), "script end tags");
        assertEquals(0, count(html, "<!--"));
        assertFalse(html.contains("<img"), "an img tag from a name reached the HTML");
        assertFalse(html.contains("<svg"));
        assertFalse(html.contains("\u2028"), "U+2028 must be escaped");
        assertTrue(html.contains("\\u003C/script\\u003E"), "escaped, not dropped");

        Map<String, JsonNode> series = seriesByUuid(data(html));
        assertEquals(5, series.size());
        Map<String, String> names = new HashMap<>();
        series.forEach((u, s) -> names.put(u, s.get("n").asText()));
        for (String[] d : ReportFixtures.datasets()) {
            // The CSV's formula guard (a leading ') is undone: the page shows the real name.
            assertEquals(d[1], names.get(d[0]), "name of " + d[0]);
            assertEquals(d[3], series.get(d[0]).get("rn").asText());
        }
        assertEquals(
                ReportFixtures.FORMULA_NAME,
                names.get("33333333-aaaa-4bbb-8ccc-000000000003"),
                "a formula-guarded cell is shown as its value");
        // The page's script puts data on the page as text only.
        String js = HtmlPage.resource("report.js");
        assertFalse(js.contains("innerHTML"));
        assertFalse(js.contains("insertAdjacentHTML"));
        assertFalse(js.contains("document.write"));
    }

    @Test
    void anUnpairedSurrogateBecomesAReplacementCharacter() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("live"));
        // A continuous run: no full_summary.csv yet, only upserts; one name holds half a pair.
        Files.writeString(
                dir.resolve("summaries.jsonl"),
                "{\"source\":\"s\",\"tenant_id\":\"t\",\"dataset_uuid\":\"d1\",\"dataset_name\":"
                        + "\"half \\ud800 pair\",\"rule_code\":7,\"pass_count_total\":3,"
                        + "\"fail_count_total\":1,\"pass_count_1m\":3,\"fail_count_1m\":1,"
                        + "\"pass_count_3m\":3,\"fail_count_3m\":1}\n");
        String html = html(dirs(dir));
        assertTrue(com.dataquality.dqs.UnicodeText.isWellFormed(html), "the page is valid UTF-16");
        JsonNode s = data(html).get("series").get(0);
        assertEquals("half \uFFFD pair", s.get("n").asText());
        assertEquals(0.25, s.get("fr").get(0).asDouble(), 1e-9);
    }

    @Test
    void aHandMadeAnomaliesFileMarksItsDays() throws IOException {
        Path run = ReportFixtures.hostileRun(tmp.resolve("run"));
        JsonNode data = data(html(dirs(run)));
        JsonNode main = seriesByUuid(data).get(ReportFixtures.MAIN_UUID);
        JsonNode an = main.get("an");
        assertEquals(2, an.size());
        int d0 = (int) ReportFixtures.FIRST.toEpochDay();
        assertEquals(d0 + 12, an.get(0).get(0).asInt());
        assertEquals(10.0, an.get(0).get(1).asDouble());
        assertEquals(57.5, an.get(0).get(3).asDouble());
        assertEquals(87.5, an.get(0).get(4).asDouble());
        assertEquals(0.9, an.get(0).get(5).asDouble());
        assertEquals(10, an.get(0).get(6).asInt());
        assertEquals("high", an.get(0).get(8).asText());
        assertEquals("down", an.get(0).get(9).asText());
        assertEquals("<b>critical</b>", an.get(1).get(8).asText());
        assertTrue(data.get("show").get("anomalies").asBoolean());
        assertTrue(note(data, "Anomalies: 2 from anomalies.jsonl"));
        // The interval band is there for the series that has one, and only for it.
        assertTrue(data.get("show").get("interval").asBoolean());
        assertEquals(ReportFixtures.DAYS, main.get("lo").size());
        assertFalse(seriesByUuid(data).get(ReportFixtures.HOSTILE_UUID).has("lo"));
        // Two model versions, each half of the days, with a change in every series.
        assertEquals(2, data.get("versions").size());
        assertEquals(2, main.get("mv").size());
        assertEquals(
                5 * ReportFixtures.DAYS / 2, data.get("versions").get(0).get("forecasts").asInt());
        // One drift event, a dead letter, daily values for the 40 days.
        assertEquals(1, data.get("drift").size());
        assertEquals(ReportFixtures.DAYS, main.get("a").size());
        assertEquals(1, data.get("dirs").get(0).get("deadLetters").get("INVALID_DATE").asInt());
    }

    @Test
    void summarizeOutputsSayWhatIsAbsentAndShowWindows() throws IOException {
        Path run = ReportFixtures.hostileRun(tmp.resolve("run"));
        Path summary = ReportFixtures.summarizeOnly(run, tmp.resolve("summary"));
        JsonNode data = data(html(dirs(summary)));
        JsonNode dir = data.get("dirs").get(0);
        assertEquals("summarize", dir.get("kind").asText());
        List<String> absent = new ArrayList<>();
        dir.get("absent").forEach(a -> absent.add(a.asText()));
        assertTrue(
                absent.containsAll(List.of("predictions.csv", "realized.csv", "anomalies.jsonl")));
        assertFalse(data.get("show").get("daily").asBoolean());
        assertTrue(data.get("show").get("windows").asBoolean());
        assertTrue(note(data, "No daily values"));
        assertTrue(note(data, "No forecasts"));
        assertTrue(note(data, "anomalies.jsonl is absent"));
        assertTrue(note(data, "drift_events.jsonl is absent"));
        assertFalse(data.get("series").get(0).has("a"));
        assertTrue(data.get("overall").isNull());
    }

    @Test
    void anEmptyDirectoryIsAReportThatSaysSo() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        JsonNode data = data(html(dirs(empty)));
        assertEquals("unknown", data.get("dirs").get(0).get("kind").asText());
        assertEquals(0, data.get("series").size());
        assertEquals(ReportReader.KNOWN_FILES.size(), data.get("dirs").get(0).get("absent").size());
    }

    @Test
    void aMissingDirectoryIsAnInputError() {
        InputException e =
                assertThrows(InputException.class, () -> html(dirs(tmp.resolve("nowhere"))));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
    }

    @Test
    void aLineBeingWrittenIsLeftOutAndNoted() throws IOException {
        Path run = ReportFixtures.hostileRun(tmp.resolve("run"));
        Path realized = run.resolve("realized.csv");
        // Half a row, as the job's sink leaves it mid-append.
        Files.writeString(
                realized,
                ReportFixtures.MAIN_UUID + ",101,2024-05-01,50,v,9",
                java.nio.file.StandardOpenOption.APPEND);
        // And one row whose number does not parse.
        JsonNode data = data(html(dirs(run)));
        JsonNode main = seriesByUuid(data).get(ReportFixtures.MAIN_UUID);
        assertEquals(ReportFixtures.DAYS, main.get("a").size(), "the half row is not a day");
        String problems = data.get("dirs").get(0).get("problems").toString();
        assertTrue(problems.contains("realized.csv: its last line is being written"), problems);
    }

    @Test
    void unreadableRowsAreCountedNotFatal() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(
                dir.resolve("predictions.csv"),
                PredictionCsv.header()
                        + "\nd1,7,2024-01-01,50,v1,,,,,champion,false"
                        + "\nd1,7,not-a-date,50,v1,,,,,champion,false"
                        + "\nd1,x,2024-01-02,50,v1,,,,,champion,false\n");
        Files.writeString(dir.resolve("anomalies.jsonl"), "{\"dataset_uuid\":\"d1\"}\nnot json\n");
        JsonNode data = data(html(dirs(dir)));
        String problems = data.get("dirs").get(0).get("problems").toString();
        assertTrue(problems.contains("predictions.csv: 2 rows could not be read"), problems);
        assertTrue(problems.contains("anomalies.jsonl: 2 lines could not be read"), problems);
        assertEquals(1, data.get("series").size());
    }

    @Test
    void aModelAndARegistryShowTheirHoldoutMetrics() throws IOException {
        Path model = tmp.resolve("m.model.json");
        ModelFile.write(TestModels.small(), model);
        JsonNode withModel =
                data(
                        html(
                                new ReportSources(
                                        List.of(ReportFixtures.hostileRun(tmp.resolve("r"))),
                                        model,
                                        null)));
        JsonNode m = withModel.get("model");
        assertEquals(TestModels.small().version(), m.get("version").asText());
        assertTrue(m.get("metrics").has("model"));
        assertTrue(m.get("metrics").size() > 1, "the baselines too");

        Path reg = tmp.resolve("registry");
        ModelRegistry registry = new ModelRegistry(reg);
        String active = registry.add(TestModels.small());
        registry.promote(active);
        Files.writeString(reg.resolve("broken.model.json"), "{}");
        JsonNode withRegistry = data(html(new ReportSources(List.of(tmp.resolve("r")), null, reg)));
        JsonNode r = withRegistry.get("registry");
        assertEquals(active, r.get("active").asText());
        assertEquals(2, r.get("versions").size());
        String text = r.toString();
        assertTrue(text.contains("\"problem\""), text);
    }

    @Test
    void progressIsReportedPerMillionRows() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("big"));
        StringBuilder b = new StringBuilder(PredictionCsv.header()).append('\n');
        java.time.LocalDate d = java.time.LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 1_000_001; i++) {
            b.append("d")
                    .append(i % 1000)
                    .append(",1,")
                    .append(d.plusDays(i / 1000))
                    .append(",50,v,,,,,champion,false\n");
        }
        Files.writeString(dir.resolve("predictions.csv"), b);
        List<String> lines = new ArrayList<>();
        Report.Result r = Report.write(dirs(dir), tmp.resolve("big.html"), lines::add);
        assertEquals(List.of("report: 1,000,000 rows read..."), lines);
        assertEquals(1000, r.series());
        assertEquals(1_000_001, r.rowsRead());
    }

    @Test
    void aStrayFarAwayDateDoesNotMakeTheSeriesHuge() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("far"));
        Files.writeString(
                dir.resolve("predictions.csv"),
                PredictionCsv.header()
                        + "\nd1,7,1900-01-01,50,v1,,,,,champion,false"
                        + "\nd1,7,9999-12-30,60,v1,,,,,champion,false\n");
        JsonNode data = data(html(dirs(dir)));
        JsonNode s = data.get("series").get(0);
        assertEquals(ReportJson.MAX_DAYS, s.get("p").size());
        assertEquals(60, s.get("p").get(ReportJson.MAX_DAYS - 1).asInt());
        assertEquals(ReportJson.MAX_DAYS, data.get("overall").get("predicted").size());
        assertTrue(note(data, "only their last 3,660 days are charted"));
    }

    @Test
    void inlinedCodeCannotCloseItsElement() {
        assertEquals("a = '<\\/script>'", HtmlPage.inline("a = '</script>'"));
        assertEquals("x = '<\\!--'", HtmlPage.inline("x = '<!--'"));
        assertEquals("a < b", HtmlPage.inline("a < b"));
        assertFalse(HtmlPage.Library.JS.isEmpty());
        assertNotNull(HtmlPage.Library.VERSION);
    }

    @Test
    void csvTextCellsRoundTrip() {
        for (String v :
                List.of("=1+1", "'=x", "''+y", "-0.5", "plain", "'plain", "@a", "\tx", "")) {
            assertEquals(v, Csv.original(Csv.text(v)), v);
        }
        assertEquals(null, Csv.original(null));
    }

    private static boolean note(JsonNode data, String part) {
        for (JsonNode n : data.get("notes")) {
            if (n.asText().contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part), Pattern.CASE_INSENSITIVE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
