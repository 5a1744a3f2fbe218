package com.dataquality.dqs.scoring;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.SeriesCursor;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.format.Csv;
import com.dataquality.dqs.model.Boosters;
import com.dataquality.dqs.model.DistributionSpec;
import com.dataquality.dqs.record.Keys;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Forecasts a CSV file of requests ({@code dataset_uuid, rule_code, business_date}) in chunks of
 * {@link Boosters#CHUNK_ROWS} rows. A row that cannot be scored (malformed, bad rule code, bad
 * date) gets an {@code error} value and no prediction; the other rows are still scored. Output rows
 * are in input order. Text from outside (the dataset id, a rejected row's values as given, the
 * model version) is written as text cells ({@link Csv#text}), safe to open in a spreadsheet.
 *
 * <p>After the contract's columns and {@code error}: the forecast distribution's {@code
 * predicted_median} and the central interval {@code predicted_lower, predicted_upper} of the chosen
 * level ({@link PredictiveDistribution}); empty for a row with an error, and the interval empty for
 * a model without a distribution (its median is its mean).
 *
 * <p>A request's history is its series in the {@code history} map (days before the requested date
 * only); a series without history is forecast from calendar and categorical features alone.
 */
public final class BatchPredictor {

    public static final String HEADER =
            Csv.line(
                    "dataset_uuid",
                    "rule_code",
                    "business_date",
                    "predicted_pass_percentage",
                    "model_version",
                    "error",
                    "predicted_median",
                    "predicted_lower",
                    "predicted_upper");

    /** Rows read, scored and rejected. */
    public record Counts(long rows, long scored, long errors) {}

    private final Scorer scorer;
    private final Map<String, DailySeries> history;
    private final double level;
    private final Map<String, SeriesCursor> cursors = new HashMap<>();

    /**
     * @param history series keyed by {@link Keys#seriesKey}; may be empty
     */
    public BatchPredictor(Scorer scorer, Map<String, DailySeries> history) {
        this(scorer, history, DistributionSpec.DEFAULT_LEVEL);
    }

    /**
     * @param level the central interval written as {@code predicted_lower, predicted_upper}
     */
    public BatchPredictor(Scorer scorer, Map<String, DailySeries> history, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be within (0, 1)");
        }
        this.scorer = scorer;
        this.history = history;
        this.level = level;
    }

    public Counts run(Reader in, String origin, Writer out) throws IOException {
        RequestCsvReader reader = new RequestCsvReader(in, origin);
        int width = scorer.extractor().width();
        int chunk = Boosters.CHUNK_ROWS;
        double[] features = new double[chunk * width];
        double[] predictions = new double[chunk];
        String[] lines = new String[chunk]; // output prefix of a scored row, or a finished row
        boolean[] scored = new boolean[chunk];
        Request[] requests = new Request[chunk];
        int[] expected = new int[chunk];
        int pending = 0;
        int toScore = 0;
        long rows = 0;
        long errors = 0;
        out.write(HEADER);
        out.write('\n');
        String version = scorer.modelVersion();
        FeatureExtractor extractor = scorer.extractor();
        for (RequestCsvReader.Row row = reader.next(); row != null; row = reader.next()) {
            rows++;
            String error = row.malformed();
            int rule = 0;
            int day = 0;
            if (error == null) {
                try {
                    rule = RequestValues.ruleCode(row.ruleCode());
                    day = RequestValues.epochDay(row.businessDate());
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
            }
            if (error != null) {
                errors++;
                lines[pending] =
                        Csv.line(
                                Csv.text(row.datasetUuid()),
                                Csv.text(row.ruleCode()),
                                Csv.text(row.businessDate()),
                                "",
                                Csv.text(version),
                                "line " + row.line() + ": " + error);
                scored[pending++] = false;
            } else {
                requests[toScore] =
                        new Request(
                                Keys.seriesKey(row.datasetUuid(), rule),
                                row.datasetUuid(),
                                rule,
                                day);
                toScore++;
                StringBuilder prefix = new StringBuilder();
                Csv.appendField(prefix, Csv.text(row.datasetUuid()))
                        .append(',')
                        .append(rule)
                        .append(',');
                prefix.append(LocalDate.ofEpochDay(day)).append(',');
                lines[pending] = prefix.toString();
                scored[pending++] = true;
            }
            if (pending == chunk) {
                extractAll(requests, toScore, extractor, features, expected);
                flush(
                        lines,
                        scored,
                        pending,
                        features,
                        expected,
                        toScore,
                        predictions,
                        version,
                        out);
                pending = 0;
                toScore = 0;
            }
        }
        extractAll(requests, toScore, extractor, features, expected);
        flush(lines, scored, pending, features, expected, toScore, predictions, version, out);
        out.flush();
        return new Counts(rows, rows - errors, errors);
    }

    /** One row to score: its series and day; its features go to its position in the chunk. */
    private record Request(String key, String datasetUuid, int ruleCode, int day) {}

    /**
     * The features of a chunk's requests, computed series by series in date order (so each series'
     * {@link SeriesCursor} mostly moves forward) and written at each request's position.
     */
    private void extractAll(
            Request[] requests, int n, FeatureExtractor extractor, double[] out, int[] expected) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.<Integer, String>comparing(i -> requests[i].key())
                        .thenComparingInt(i -> requests[i].day()));
        int width = extractor.width();
        for (int i : order) {
            Request r = requests[i];
            DailySeries s = history.get(r.key());
            SeriesState state =
                    s == null
                            ? SeriesState.of(r.datasetUuid(), r.ruleCode())
                            : cursors.computeIfAbsent(r.key(), k -> new SeriesCursor(s))
                                    .stateBefore(r.day());
            extractor.extract(state, r.day(), out, i * width);
            expected[i] = FeatureExtractor.expectedExecutions(state, r.day());
        }
    }

    private void flush(
            String[] lines,
            boolean[] scored,
            int pending,
            double[] features,
            int[] expected,
            int toScore,
            double[] predictions,
            String version,
            Writer out)
            throws IOException {
        DistributionSpec spec = scorer.model().distribution();
        if (toScore > 0) {
            scorer.predict(features, toScore, predictions);
        }
        int k = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pending; i++) {
            sb.setLength(0);
            if (scored[i]) {
                PredictiveDistribution d =
                        PredictiveDistribution.of(predictions[k], expected[k], spec);
                k++;
                sb.append(lines[i]).append(RequestValues.percentage(d.mean()));
                sb.append(',');
                Csv.appendField(sb, Csv.text(version)).append(",,");
                sb.append(RequestValues.percentage(d.median())).append(',');
                double[] interval = d.interval(level);
                if (!Double.isNaN(interval[0])) {
                    sb.append(RequestValues.percentage(interval[0]))
                            .append(',')
                            .append(RequestValues.percentage(interval[1]));
                } else {
                    sb.append(',');
                }
            } else {
                sb.append(lines[i]).append(",,,");
            }
            sb.append('\n');
            out.write(sb.toString());
        }
    }
}
