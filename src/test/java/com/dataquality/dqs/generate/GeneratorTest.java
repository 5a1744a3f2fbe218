package com.dataquality.dqs.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.record.RejectReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    @TempDir Path tmp;

    static GeneratorConfig config(long rows, int days, int datasets, double bad, int files) {
        return GeneratorConfig.builder()
                .rows(rows)
                .startDate(START)
                .days(days)
                .datasets(datasets)
                .rules(8)
                .seed(7)
                .badFraction(bad)
                .files(files)
                .build();
    }

    private GenerationReport generate(String name, GeneratorConfig c) {
        return new Generator(c).writeTo(tmp.resolve(name), Generator.Progress.NONE);
    }

    private Rows.Table table(String name, GenerationReport report) throws IOException {
        return Rows.read(tmp.resolve(name), report.files());
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        GeneratorConfig c = config(3000, 60, 6, 0.05, 2);
        GenerationReport a = generate("a", c);
        generate("b", c);
        generate("c", c.toBuilder().seed(8).build());
        List<String> names = new ArrayList<>(a.files());
        names.add(Generator.RULES_FILE);
        names.add(Generator.REPORT_FILE);
        for (String f : names) {
            assertArrayEquals(
                    Files.readAllBytes(tmp.resolve("a").resolve(f)),
                    Files.readAllBytes(tmp.resolve("b").resolve(f)),
                    f);
        }
        for (String f : a.files()) {
            assertFalse(
                    java.util.Arrays.equals(
                            Files.readAllBytes(tmp.resolve("a").resolve(f)),
                            Files.readAllBytes(tmp.resolve("c").resolve(f))),
                    f + " should change with the seed");
        }
    }

    @Test
    void writesExactlyTheRequestedNumberOfRowsAcrossFiles() throws IOException {
        long[] sizes = {0, 1, 7, 999, 4321};
        int[] fileCounts = {1, 3};
        for (long rows : sizes) {
            for (int files : fileCounts) {
                String name = "r" + rows + "f" + files;
                GenerationReport report = generate(name, config(rows, 30, 4, 0.02, files));
                Rows.Table t = table(name, report);
                assertEquals(rows, t.rows().size(), name);
                assertEquals(rows, report.rowsWritten(), name);
                assertEquals(rows, report.validRows() + report.badRows(), name);
                assertEquals(files, report.files().size(), name);
                assertEquals(Generator.header(), t.header(), name);
                if (files == 3) {
                    assertEquals(
                            List.of(
                                    "rule_executions-00.csv",
                                    "rule_executions-01.csv",
                                    "rule_executions-02.csv"),
                            report.files());
                } else {
                    assertEquals(List.of("rule_executions.csv"), report.files());
                }
            }
        }
    }

    @Test
    void badRowsAreRejectedForExactlyTheReportedReasons() throws IOException {
        GenerationReport report = generate("bad", config(7000, 40, 5, 0.1, 1));
        Rows.Table t = table("bad", report);
        Map<RejectReason, Long> found = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) {
            found.put(r, 0L);
        }
        for (List<String> row : t.rows()) {
            RejectReason r = ContractCheck.reject(t.header(), row);
            if (r != null) {
                found.merge(r, 1L, Long::sum);
            }
        }
        assertEquals(report.badRowsByReason(), found);
        assertEquals(700, report.badRows());
        assertEquals(6300, report.validRows());
        for (long n : found.values()) {
            assertTrue(n == 100, "700 bad rows spread evenly over 7 reasons: " + found);
        }
    }

    @Test
    void reportFileMatchesTheReturnedReport() throws IOException {
        GenerationReport report =
                generate(
                        "rep",
                        config(2000, 30, 4, 0.07, 1).toBuilder()
                                .drift(START.plusDays(10), 0.5, -0.3)
                                .build());
        JsonNode json =
                new ObjectMapper()
                        .readTree(tmp.resolve("rep").resolve(Generator.REPORT_FILE).toFile());
        assertEquals(2000, json.get("rows_written").asLong());
        assertEquals(report.validRows(), json.get("valid_rows").asLong());
        assertEquals(140, json.get("bad_rows").asLong());
        assertEquals(20, json.get("bad_rows_by_reason").get("INVALID_DATE").asLong());
        assertEquals(report.seriesCount(), json.get("series_count").asInt());
        assertEquals("2024-01-01", json.get("start_date").asText());
        assertEquals("2024-01-30", json.get("end_date").asText());
        assertEquals("2024-01-11", json.get("drift").get("date").asText());
        assertEquals(-0.3, json.get("drift").get("size").asDouble());
        assertEquals(
                Math.round(report.seriesCount() * 0.5), json.get("drift").get("series").size());
        assertEquals(report.unknownRuleCodes().size(), json.get("unknown_rule_codes").size());
    }

    @Test
    void everySpellingResultShapeAndAwkwardValueOccurs() throws IOException {
        GenerationReport report = generate("var", config(20000, 60, 6, 0.0, 1));
        Rows.Table t = table("var", report);
        Set<String> codeForms = new HashSet<>();
        Set<String> shapes = new HashSet<>();
        Set<String> statusSpellings = new HashSet<>();
        boolean timePart = false;
        boolean emptyContext = false;
        boolean emptyCount = false;
        boolean attributeLevel = false;
        boolean statusWinsDisagreement = false;
        Set<String> names = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (List<String> row : t.rows()) {
            Map<String, String> r = Rows.asMap(t.header(), row);
            String code = r.get("rule_code");
            codeForms.add(
                    code.startsWith(" ")
                            ? "padded"
                            : code.startsWith("R")
                                    ? "R"
                                    : code.startsWith("r")
                                            ? "r"
                                            : code.startsWith("0") ? "0" : "plain");
            JsonNode results = json.readTree(r.get("results"));
            shapes.add((results.has("status") ? "s" : "") + (results.has("result") ? "r" : ""));
            statusSpellings.add(ContractCheck.statusText(r.get("results")));
            if (results.has("status")
                    && results.has("result")
                    && !results.get("status")
                            .asText()
                            .equalsIgnoreCase(results.get("result").asText())) {
                statusWinsDisagreement = true;
            }
            timePart |= r.get("business_date").contains("T");
            emptyContext |= r.get("context_id").isEmpty();
            emptyCount |= r.get("dataset_record_count").isEmpty();
            attributeLevel |=
                    "ATTRIBUTE".equals(r.get("level_of_execution"))
                            && !r.get("attribute_name").isEmpty();
            names.add(r.get("dataset_name"));
        }
        assertEquals(Set.of("plain", "R", "r", "0", "padded"), codeForms);
        assertEquals(Set.of("s", "r", "sr"), shapes);
        assertTrue(
                statusSpellings.containsAll(Set.of("Pass", "PASS", "pass", "Fail", "FAIL", "Warn")),
                statusSpellings.toString());
        assertTrue(statusWinsDisagreement, "some rows carry both keys with different values");
        assertTrue(timePart && emptyContext && emptyCount && attributeLevel);
        assertTrue(names.stream().anyMatch(n -> n.contains(",")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.contains("\"")), names.toString());
        assertTrue(
                names.stream().anyMatch(n -> n.chars().anyMatch(ch -> ch > 127)), names.toString());
        assertTrue(t.header().contains("executed_by"), "an extra column the product ignores");
        // A padded code is written quoted, as the contract shows it.
        String raw =
                Files.readString(
                        tmp.resolve("var").resolve(report.files().get(0)), StandardCharsets.UTF_8);
        assertTrue(raw.matches("(?s).*,\" \\d+ \",.*"));
    }

    @Test
    void unknownRuleCodesAreInTheDataButNotInRulesJson() throws IOException {
        GeneratorConfig c =
                config(5000, 30, 5, 0.0, 1).toBuilder().rules(6).unknownRules(2).build();
        GenerationReport report = generate("unk", c);
        JsonNode rules =
                new ObjectMapper()
                        .readTree(tmp.resolve("unk").resolve(Generator.RULES_FILE).toFile());
        Set<Integer> known = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            known.add(ContractCheck.ruleCode(e.getKey()));
            for (String f :
                    List.of(
                            "rule_name",
                            "rule_type",
                            "dimension",
                            "rule_description",
                            "category")) {
                assertTrue(e.getValue().get(f).isTextual(), e.getKey() + "." + f);
            }
        }
        assertEquals(6, known.size());
        Set<Integer> unknownInData = new java.util.TreeSet<>();
        for (Rows.Execution e : Rows.valid(table("unk", report))) {
            if (!known.contains(e.ruleCode())) {
                unknownInData.add(e.ruleCode());
            }
        }
        assertEquals(2, unknownInData.size());
        assertEquals(List.copyOf(unknownInData), report.unknownRuleCodes());
    }

    @Test
    void datesStayInRangeAreOrderedAndCoverEveryWeek() throws IOException {
        GenerationReport report = generate("dates", config(6000, 91, 5, 0.02, 3));
        Rows.Table t = table("dates", report);
        LocalDate last = START;
        Set<Long> weeks = new HashSet<>();
        for (List<String> row : t.rows()) {
            if (ContractCheck.reject(t.header(), row) != null) {
                continue;
            }
            LocalDate d = ContractCheck.date(Rows.asMap(t.header(), row).get("business_date"));
            assertFalse(d.isBefore(last), d + " after " + last);
            assertFalse(d.isAfter(START.plusDays(90)), d.toString());
            last = d;
            weeks.add((d.toEpochDay() - START.toEpochDay()) / 7);
        }
        assertEquals(13, weeks.size());
    }

    @Test
    void writeRowsStreamsTheSameBytesAsTheSingleFile() throws IOException {
        GeneratorConfig c = config(1500, 20, 3, 0.05, 1);
        GenerationReport fileReport = generate("one", c);
        StringWriter w = new StringWriter();
        GenerationReport streamReport = new Generator(c).writeRows(w, Generator.Progress.NONE);
        assertEquals(
                Files.readString(
                        tmp.resolve("one").resolve("rule_executions.csv"), StandardCharsets.UTF_8),
                w.toString());
        assertEquals(fileReport.badRowsByReason(), streamReport.badRowsByReason());
    }

    @Test
    void progressIsReportedUpToTheTotal() throws IOException {
        List<Long> seen = new ArrayList<>();
        new Generator(config(800, 10, 2, 0.0, 1))
                .writeRows(
                        new StringWriter(),
                        (done, total) -> {
                            assertEquals(800, total);
                            seen.add(done);
                        });
        assertEquals(10, seen.size(), "one call per day");
        assertEquals(800L, seen.get(seen.size() - 1));
    }

    @Test
    void driftIsClampedSoAFullDriftMeansNoPassesOrNoFailures() throws IOException {
        for (double size : new double[] {-1.0, 1.0}) {
            String name = "clamp" + size;
            GeneratorConfig c =
                    config(3000, 20, 3, 0.0, 1).toBuilder()
                            .drift(START.plusDays(10), 1.0, size)
                            .warningRate(0.0)
                            .build();
            GenerationReport report = generate(name, c);
            assertEquals(report.seriesCount(), report.driftedSeries().size());
            long before = 0;
            for (Rows.Execution e : Rows.valid(table(name, report))) {
                boolean expected = size > 0;
                if (e.date().isBefore(START.plusDays(10))) {
                    before += e.passed() == expected ? 0 : 1;
                } else {
                    assertEquals(expected, e.passed(), name + " " + e);
                }
            }
            assertTrue(before > 0, name + ": before the drift date both outcomes occur");
        }
    }
}
