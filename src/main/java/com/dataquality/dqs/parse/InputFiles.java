package com.dataquality.dqs.parse;

import com.dataquality.dqs.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The CSV files named on a command line: files as given, directories expanded to the {@code *.csv}
 * files directly inside them (extension case-insensitive, not recursive) sorted by name, so that
 * the read order, and with it "the record read last" of CONTRACT.md §3, is reproducible.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * @throws InputException for a path that does not exist or cannot be read, or a directory
     *     without CSV files
     */
    public static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> csv = csvFilesIn(input);
                if (csv.isEmpty()) {
                    throw new InputException("input directory " + input + " has no .csv files");
                }
                files.addAll(csv);
            } else {
                checkFile(input);
                files.add(input);
            }
        }
        return files;
    }

    /**
     * Checks inputs like {@link #expand} but keeps directories as they are, for sources that watch
     * them: a watched directory may be empty at start and fill later.
     *
     * @throws InputException for a path that does not exist or a file that cannot be read
     */
    public static List<Path> expandKeepingDirectories(List<Path> inputs) {
        List<Path> paths = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                checkFile(input);
            }
            paths.add(input);
        }
        return paths;
    }

    /** sequenceBase for the n-th input file (0-based): n << 32, so later files win ties. */
    public static long sequenceBase(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("file ordinal must not be negative: " + ordinal);
        }
        return (long) ordinal << 32;
    }

    private static void checkFile(Path input) {
        if (!Files.exists(input)) {
            throw new InputException("input " + input + " does not exist");
        }
        if (!Files.isReadable(input)) {
            throw new InputException("input file " + input + " cannot be read");
        }
    }

    private static List<Path> csvFilesIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(
                            p ->
                                    p.getFileName()
                                            .toString()
                                            .toLowerCase(Locale.ROOT)
                                            .endsWith(".csv"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new InputException(
                    "input directory " + dir + " cannot be listed: " + e.getMessage(), e);
        }
    }
}
