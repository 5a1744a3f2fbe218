package com.dataquality.dqs.parse;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.record.ParseResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads CSV input files outside Flink (training, retraining, the bare-parse benchmark) with the
 * same reader and the same read order as the job's file source, so that "the one read last" means
 * the same everywhere.
 */
public final class CsvFiles {
    private CsvFiles() {}

    /**
     * Hands every record of {@code files} to {@code consumer}, file by file, in order; the n-th
     * file's records get {@link InputFiles#sequenceBase(int)} of n.
     */
    public static void forEach(List<Path> files, Consumer<ParseResult> consumer) {
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                    CsvRecordReader reader =
                            new CsvRecordReader(in, file.toString(), InputFiles.sequenceBase(i))) {
                for (ParseResult r = reader.next(); r != null; r = reader.next()) {
                    consumer.accept(r);
                }
            } catch (IOException e) {
                throw new InputException(
                        "input file " + file + ": cannot read: " + e.getMessage(), e);
            }
        }
    }
}
