package com.dataquality.dqs.bench;

import com.dataquality.dqs.cli.RecordFiles;
import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.DailySeriesTable;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.format.Csv;
import com.dataquality.dqs.model.ModelFile;
import com.dataquality.dqs.scoring.PredictiveDistribution;
import com.dataquality.dqs.scoring.Scorer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Hidden helper of {@code scripts/bench-forecast.sh}: writes a request file for {@code
 * batch-predict} from the series of a history file, and measures single-row scoring latency
 * (feature extraction plus one native prediction, as the streaming job does per series-day).
 */
@Command(
        name = "bench-scoring",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Benchmark helper: request file for batch-predict, single-row latency.")
final class BenchScoringCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--history", required = true)
    List<Path> history;

    @Option(names = "--write-requests", description = "request file to write")
    Path requests;

    @Option(names = "--rows", defaultValue = "1000000", description = "request rows to write")
    int rows;

    @Option(names = "--latency-calls", defaultValue = "200000")
    int calls;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        DailySeriesTable table = new DailySeriesTable();
        RecordFiles.readInto(history, table, m -> {});
        List<DailySeries> series = table.series();
        int lastDay = series.stream().mapToInt(s -> s.days()[s.size() - 1]).max().orElseThrow();
        SplittableRandom rnd = new SplittableRandom(1);
        if (requests != null) {
            try (BufferedWriter w = Files.newBufferedWriter(requests, StandardCharsets.UTF_8)) {
                w.write("dataset_uuid,rule_code,business_date\n");
                for (int i = 0; i < rows; i++) {
                    DailySeries s = series.get(rnd.nextInt(series.size()));
                    String date = LocalDate.ofEpochDay(lastDay - rnd.nextInt(60)).toString();
                    w.write(Csv.line(s.datasetUuid(), String.valueOf(s.ruleCode()), date));
                    w.write('\n');
                }
            }
            out.printf("wrote %,d requests to %s%n", rows, requests);
        }
        try (Scorer scorer = new Scorer(ModelFile.read(model))) {
            FeatureExtractor fx = scorer.extractor();
            long[] nanos = new long[calls];
            double sink = 0;
            for (int i = -calls / 4; i < calls; i++) { // the first quarter warms the JIT up
                DailySeries s = series.get(rnd.nextInt(series.size()));
                int day = lastDay - rnd.nextInt(60);
                SeriesState h = s.stateBefore(day);
                long t0 = System.nanoTime();
                double[] f = fx.extract(h, day);
                PredictiveDistribution d = scorer.distribution(h, day, f);
                sink += d.mean() + d.median() + d.interval(0.9)[1];
                long t = System.nanoTime() - t0;
                if (i >= 0) {
                    nanos[i] = t;
                }
            }
            Arrays.sort(nanos);
            out.printf(
                    "single-row scoring (features + predict + distribution: mean, median, 90%%"
                            + " interval), %,d calls: p50 %.1f us, p99 %.1f us,"
                            + " max %.1f us (checksum %.1f)%n",
                    calls,
                    nanos[calls / 2] / 1e3,
                    nanos[(int) (calls * 0.99)] / 1e3,
                    nanos[calls - 1] / 1e3,
                    sink);
        }
        out.flush();
        return 0;
    }
}
