package com.dataquality.dqs.cli;

import com.dataquality.dqs.InputException;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.parse.CsvRecordReader;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.record.ParseResult;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads rule-execution CSV files (files or directories) into daily series for the forecasting
 * commands. Rejected records are counted, not fatal: forecasting uses the valid ones, and {@code
 * dqs summarize} is where dead letters are written out.
 */
final class RecordFiles {

    /** What was read. */
    record Counts(int files, long valid, long rejected) {}

    private static final long PROGRESS_EVERY = 1_000_000;

    private RecordFiles() {}

    static Counts readInto(List<Path> inputs, DailySeriesTable table, Consumer<String> progress) {
        List<Path> files = InputFiles.expand(inputs);
        long valid = 0;
        long rejected = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                    CsvRecordReader reader =
                            new CsvRecordReader(in, file.toString(), InputFiles.sequenceBase(i))) {
                for (ParseResult r = reader.next(); r != null; r = reader.next()) {
                    if (r.isValid()) {
                        table.add(r.execution());
                        valid++;
                    } else {
                        rejected++;
                    }
                    if ((valid + rejected) % PROGRESS_EVERY == 0) {
                        progress.accept(String.format("read %,d records", valid + rejected));
                    }
                }
            } catch (IOException e) {
                throw new InputException(
                        "input file " + file + ": cannot read: " + e.getMessage(), e);
            }
        }
        progress.accept(
                String.format(
                        "read %,d valid records (%,d rejected) from %d file(s) into %,d series",
                        valid, rejected, files.size(), table.seriesCount()));
        return new Counts(files.size(), valid, rejected);
    }
}
