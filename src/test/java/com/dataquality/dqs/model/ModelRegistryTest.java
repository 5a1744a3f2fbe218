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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    private static ForecastModel first;
    private static ForecastModel second;

    @TempDir Path dir;

    @BeforeAll
    static void train() {
        DailySeriesTable table = SyntheticData.table(2, 2, 40, 9);
        Trainer t = new Trainer(m -> {});
        first = t.train(table.series(), table.records(), Instant.parse("2026-01-01T00:00:00Z"));
        second = t.train(table.series(), table.records(), Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void promoteAndRollBack() {
        ModelRegistry r = new ModelRegistry(dir);
        r.add(first);
        r.add(second);
        assertTrue(r.activeVersion().isEmpty());
        assertEquals(
                List.of(first.version(), second.version()),
                r.list().stream().map(ModelRegistry.Entry::version).toList());

        r.promote(first.version());
        r.promote(second.version());
        assertEquals(second.version(), r.activeVersion().orElseThrow());
        assertEquals(second.version(), r.loadActive().orElseThrow().version());
        assertTrue(r.list().get(1).active());
        assertFalse(r.list().get(0).active());

        assertEquals(first.version(), r.rollback());
        assertEquals(first.version(), r.activeVersion().orElseThrow());
        InputException e = assertThrows(InputException.class, r::rollback);
        assertTrue(e.getMessage().contains("nothing to roll back"), e.getMessage());
        assertEquals(first.version(), r.activeVersion().orElseThrow());
    }

    @Test
    void promotingTheActiveVersionAgainKeepsHistoryClean() {
        ModelRegistry r = new ModelRegistry(dir);
        r.add(first);
        r.promote(first.version());
        r.promote(first.version());
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
        r.add(first);
        r.add(second);
        r.promote(first.version());
        r.promote(second.version());
        r.rollback();
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
        }
    }
}
