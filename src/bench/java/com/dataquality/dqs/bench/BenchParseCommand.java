package com.dataquality.dqs.bench;

import com.dataquality.dqs.parse.CsvFiles;
import com.dataquality.dqs.parse.InputFiles;
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
        long[] counts = new long[2]; // valid, dead
        CsvFiles.forEach(files, r -> counts[r.isValid() ? 0 : 1]++);
        long valid = counts[0];
        long dead = counts[1];
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "bare parse: %d records (%d valid, %d dead) in %.3f s = %.0f records/s%n",
                valid + dead, valid, dead, seconds, (valid + dead) / seconds);
        return 0;
    }
}
