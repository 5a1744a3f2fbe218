package com.dataquality.dqs.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dataquality.dqs.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir Path dir;

    private Path touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void filesAreKeptAsGivenInOrder() throws IOException {
        Path b = touch(dir.resolve("b.txt"));
        Path a = touch(dir.resolve("a.csv"));
        assertEquals(List.of(b, a), InputFiles.expand(List.of(b, a)));
    }

    @Test
    void directoriesExpandToTheirCsvFilesSortedByName() throws IOException {
        Path in = dir.resolve("in");
        Path f10 = touch(in.resolve("day-10.csv"));
        Path f02 = touch(in.resolve("day-02.csv"));
        Path upper = touch(in.resolve("LATE.CSV"));
        touch(in.resolve("notes.txt"));
        touch(in.resolve("csv"));
        touch(in.resolve("sub/deep.csv"));
        Files.createDirectories(in.resolve("dir.csv"));
        assertEquals(List.of(upper, f02, f10), InputFiles.expand(List.of(in)));
    }

    @Test
    void filesAndDirectoriesMixInTheGivenOrder() throws IOException {
        Path single = touch(dir.resolve("z.csv"));
        Path in = dir.resolve("in");
        Path one = touch(in.resolve("1.csv"));
        assertEquals(List.of(single, one, single), InputFiles.expand(List.of(single, in, single)));
    }

    @Test
    void noInputsIsNoFiles() {
        assertEquals(List.of(), InputFiles.expand(List.of()));
    }

    @Test
    void aMissingPathIsAnInputException() {
        Path missing = dir.resolve("missing.csv");
        InputException e =
                assertThrows(InputException.class, () -> InputFiles.expand(List.of(missing)));
        assertEquals("input " + missing + " does not exist", e.getMessage());
    }

    @Test
    void aDirectoryWithoutCsvFilesIsAnInputException() throws IOException {
        Path in = dir.resolve("empty");
        touch(in.resolve("readme.txt"));
        touch(in.resolve("sub/x.csv"));
        InputException e = assertThrows(InputException.class, () -> InputFiles.expand(List.of(in)));
        assertEquals("input directory " + in + " has no .csv files", e.getMessage());
    }

    @Test
    void directoriesCanBeKeptForWatchingEvenWhenEmpty() throws IOException {
        Path watched = Files.createDirectories(dir.resolve("watched"));
        Path file = touch(dir.resolve("a.csv"));
        assertEquals(
                List.of(watched, file),
                InputFiles.expandKeepingDirectories(List.of(watched, file)));
        Path missing = dir.resolve("gone");
        InputException e =
                assertThrows(
                        InputException.class,
                        () -> InputFiles.expandKeepingDirectories(List.of(watched, missing)));
        assertEquals("input " + missing + " does not exist", e.getMessage());
    }

    @Test
    void sequenceBasesLetLaterFilesWinTies() {
        assertEquals(0L, InputFiles.sequenceBase(0));
        assertEquals(1L << 32, InputFiles.sequenceBase(1));
        assertEquals(5L << 32, InputFiles.sequenceBase(5));
        assertEquals((long) Integer.MAX_VALUE << 32, InputFiles.sequenceBase(Integer.MAX_VALUE));
        // A late line of an early file still sorts before the first line of the next file.
        assertEquals(
                true, InputFiles.sequenceBase(0) + 4_000_000_000L < InputFiles.sequenceBase(1) + 1);
        assertThrows(IllegalArgumentException.class, () -> InputFiles.sequenceBase(-1));
    }
}
