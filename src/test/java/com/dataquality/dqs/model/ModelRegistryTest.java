package com.dataquality.dqs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeriesTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static ForecastModel first;
    private static ForecastModel second;

    @TempDir Path dir;

    @BeforeAll
    static void train() {
        Trainer t = new Trainer(m -> {});
        DailySeriesTable a = SyntheticData.table(2, 2, 40, 9);
        DailySeriesTable b = SyntheticData.table(2, 2, 40, 10);
        first = t.train(a.series(), a.records(), Instant.parse("2026-01-01T00:00:00Z"));
        second = t.train(b.series(), b.records(), Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void modelsGetSemanticVersionsWithTheirTreesHashAsBuildMetadata() {
        ModelRegistry r = new ModelRegistry(dir);
        String v1 = r.add(first);
        String v2 = r.add(second);
        assertEquals("1.0.0+" + ModelRegistry.hash(first), v1);
        assertEquals("1.1.0+" + ModelRegistry.hash(second), v2);
        assertEquals(v1, r.load(v1).version(), "the stored file carries its registry version");
        // The same trees under another name are the same model: no new version.
        assertEquals(v1, r.add(first, "ci", "again"));
        assertEquals(2, r.list().size());
    }

    @Test
    void versionsAreOrderedByPrecedenceNotAsText() {
        assertTrue(
                SemanticVersion.parse("1.10.0+a").compareTo(SemanticVersion.parse("1.9.0+b")) > 0);
        assertEquals("2.0.0+c", SemanticVersion.parse("1.9.3+a").nextMajor("c").toString());
        assertEquals("1.10.0+c", SemanticVersion.parse("1.9.3+a").nextMinor("c").toString());
        assertEquals(null, SemanticVersion.parse("20260101T000000000Z-abc"));
    }

    @Test
    void promoteAndRollBack() {
        ModelRegistry r = new ModelRegistry(dir);
        String v1 = r.add(first);
        String v2 = r.add(second);
        assertTrue(r.activeVersion().isEmpty());
        assertEquals(List.of(v1, v2), r.list().stream().map(ModelRegistry.Entry::version).toList());

        r.promote(v1);
        r.promote(v2, "ana", "better on March", Map.of("mae", 1.5));
        assertEquals(v2, r.activeVersion().orElseThrow());
        assertEquals(v2, r.loadActive().orElseThrow().version());
        assertTrue(r.list().get(1).active());
        assertFalse(r.list().get(0).active());

        assertEquals(v1, r.rollback("bob", "alerts doubled"));
        assertEquals(v1, r.activeVersion().orElseThrow());
        InputException e = assertThrows(InputException.class, r::rollback);
        assertTrue(e.getMessage().contains("nothing to roll back"), e.getMessage());
        assertEquals(v1, r.activeVersion().orElseThrow());
    }

    @Test
    void everyDecisionIsInTheAuditLogWithWhoWhyAndFigures() {
        ModelRegistry r = new ModelRegistry(dir);
        String v1 = r.add(first, "ana", "first model");
        String v2 = r.add(second, "auto-retrain", "drift on 2026-03-01");
        r.promote(v1, "ana", "baseline", null);
        r.promote(v2, "auto-promote", "won over " + v1, Map.of("days", 21, "evidence", 40.5));
        r.rollback("bob", "alerts doubled");
        r.record("retire", v2, "bob", "no longer needed", null);

        List<Map<String, Object>> log = r.audit();
        assertEquals(
                List.of("add", "add", "promote", "promote", "rollback", "retire"),
                log.stream().map(x -> x.get("action")).toList());
        assertEquals(
                List.of("ana", "auto-retrain", "ana", "auto-promote", "bob", "bob"),
                log.stream().map(x -> x.get("by")).toList());
        assertEquals(v2, log.get(3).get("version"));
        assertEquals(Map.of("days", 21, "evidence", 40.5), log.get(3).get("figures"));
        assertTrue(String.valueOf(log.get(4).get("reason")).contains("was " + v2));
        assertEquals(v1, log.get(4).get("version"));
        for (Map<String, Object> entry : log) {
            Instant.parse((String) entry.get("time"));
        }
    }

    @Test
    void promotingTheActiveVersionAgainKeepsHistoryClean() {
        ModelRegistry r = new ModelRegistry(dir);
        String v1 = r.add(first);
        r.promote(v1);
        r.promote(v1);
        assertThrows(InputException.class, r::rollback);
    }

    @Test
    void unknownOrUnsafeVersionsAreRejected() {
        ModelRegistry r = new ModelRegistry(dir);
        InputException e =
                assertThrows(InputException.class, () -> r.promote("20990101T000000000Z-x"));
        assertTrue(e.getMessage().contains("no model version"), e.getMessage());
        e = assertThrows(InputException.class, () -> r.promote("../etc/passwd"));
        assertTrue(e.getMessage().contains("invalid model version"), e.getMessage());
    }

    @Test
    void corruptPointerIsOneClearError() throws Exception {
        ModelRegistry r = new ModelRegistry(dir);
        Files.writeString(dir.resolve(ModelRegistry.POINTER), "{not json");
        InputException e = assertThrows(InputException.class, r::activeVersion);
        assertTrue(e.getMessage().contains(ModelRegistry.POINTER), e.getMessage());
    }

    @Test
    void missingDirectoryIsReported() {
        ModelRegistry r = new ModelRegistry(dir.resolve("nope"));
        assertThrows(InputException.class, r::list);
    }

    @Test
    void pointerIsReplacedWithoutLeavingTemporaryFiles() throws Exception {
        ModelRegistry r = new ModelRegistry(dir);
        r.promote(r.add(first));
        r.promote(r.add(second));
        r.rollback();
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
        }
    }
}
