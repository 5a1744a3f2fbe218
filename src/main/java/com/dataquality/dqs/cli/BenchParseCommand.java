package com.dataquality.dqs.cli;

import com.dataquality.dqs.parse.CsvRecordReader;
import com.dataquality.dqs.parse.InputFiles;
import com.dataquality.dqs.record.ParseResult;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The practical speed limit of {@code summarize}: one thread reading and parsing the same files
 * with the same parser, no Flink, no aggregation. The benchmark compares the job against it.
 */
@Command(
        name = "bench-parse",
        hidden = true,
        description = "Benchmark helper: a bare single-pass read and parse of CSV files.")
final class BenchParseCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<csv>")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        List<Path> files = InputFiles.expand(inputs);
        long start = System.nanoTime();
        long valid = 0;
        long dead = 0;
        for (int i = 0; i < files.size(); i++) {
            try (InputStream in =
                            new BufferedInputStream(Files.newInputStream(files.get(i)), 1 << 16);
                    CsvRecordReader reader =
                            new CsvRecordReader(
                                    in, files.get(i).toString(), InputFiles.sequenceBase(i))) {
                for (ParseResult r = reader.next(); r != null; r = reader.next()) {
                    if (r.isValid()) {
                        valid++;
                    } else {
                        dead++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "bare parse: %d records (%d valid, %d dead) in %.3f s = %.0f records/s%n",
                valid + dead, valid, dead, seconds, (valid + dead) / seconds);
        return 0;
    }
}
