package com.dataquality.dqs.scoring;

import com.dataquality.dqs.features.DailySeries;
import com.dataquality.dqs.features.FeatureExtractor;
import com.dataquality.dqs.features.SeriesCursor;
import com.dataquality.dqs.features.SeriesState;
import com.dataquality.dqs.format.Csv;
import com.dataquality.dqs.model.Boosters;
import com.dataquality.dqs.model.DistributionSpec;
import com.dataquality.dqs.parse.BusinessDates;
import com.dataquality.dqs.record.Keys;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Arrays;
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

    /** Bits of a request's position in its chunk, in the sort keys of {@link #extractAll}. */
    private static final int INDEX_BITS = 13;

    /** Bits of a request's day (from {@link #FIRST_DAY}) in the sort keys. */
    private static final int DAY_BITS = 37;

    private static final long FIRST_DAY = BusinessDates.FIRST.toEpochDay();

    static {
        if (Boosters.CHUNK_ROWS > 1 << INDEX_BITS
                || BusinessDates.LAST.toEpochDay() - FIRST_DAY >= 1L << DAY_BITS
                || INDEX_BITS + DAY_BITS + INDEX_BITS > 63) {
            throw new AssertionError("sort key layout too small");
        }
    }

    private final Scorer scorer;
    private final Map<String, DailySeries> history;
    private final double level;
    private final int threads;

    /** The series of the history requested so far, by series key, with their cursors. */
    private final Map<String, Slot> known = new HashMap<>();

    /** The series without history requested in the current chunk (forgotten after it). */
    private final Map<String, Slot> unknown = new HashMap<>();

    private int chunkNumber;

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
        this(scorer, history, level, 1);
    }

    /**
     * @param threads native threads of each chunk's prediction (LightGBM predicts every row the
     *     same whatever the count); 1 unless the machine's cores are free for this command
     */
    public BatchPredictor(
            Scorer scorer, Map<String, DailySeries> history, double level, int threads) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("interval level must be within (0, 1)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.scorer = scorer;
        this.history = history;
        this.level = level;
        this.threads = threads;
    }

    public Counts run(Reader in, String origin, Writer out) throws IOException {
        RequestCsvReader reader = new RequestCsvReader(in, origin);
        int width = scorer.extractor().width();
        int chunk = Boosters.CHUNK_ROWS;
        double[] features = new double[chunk * width];
        double[] predictions = new double[chunk];
        String[] lines = new String[chunk]; // output prefix of a scored row, or a finished row
        boolean[] scored = new boolean[chunk];
        Slot[] requests = new Slot[chunk];
        int[] days = new int[chunk];
        int[] rowOf = new int[chunk]; // a scored request's row in features, predictions, expected
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
                requests[toScore] = slot(row.datasetUuid(), rule);
                days[toScore] = day;
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
                int distinct =
                        extractAll(requests, days, toScore, extractor, features, rowOf, expected);
                flush(
                        lines,
                        scored,
                        pending,
                        features,
                        rowOf,
                        expected,
                        distinct,
                        predictions,
                        version,
                        out);
                pending = 0;
                toScore = 0;
            }
        }
        int distinct = extractAll(requests, days, toScore, extractor, features, rowOf, expected);
        flush(
                lines,
                scored,
                pending,
                features,
                rowOf,
                expected,
                distinct,
                predictions,
                version,
                out);
        out.flush();
        return new Counts(rows, rows - errors, errors);
    }

    /**
     * A requested series: its history (null when it has none) and, once used, its cursor; {@code
     * stamp} and {@code local} number the series of the chunk being extracted.
     */
    private static final class Slot {
        final String datasetUuid;
        final int ruleCode;
        final DailySeries series;
        SeriesCursor cursor;
        int stamp = -1;
        int local;

        Slot(String datasetUuid, int ruleCode, DailySeries series) {
            this.datasetUuid = datasetUuid;
            this.ruleCode = ruleCode;
            this.series = series;
        }

        SeriesState stateBefore(int day) {
            if (series == null) {
                return SeriesState.of(datasetUuid, ruleCode);
            }
            if (cursor == null) {
                cursor = new SeriesCursor(series);
            }
            return cursor.stateBefore(day);
        }
    }

    private Slot slot(String datasetUuid, int rule) {
        String key = Keys.seriesKey(datasetUuid, rule);
        Slot slot = known.get(key);
        if (slot == null) {
            slot = unknown.get(key);
        }
        if (slot == null) {
            DailySeries s = history.get(key);
            slot = new Slot(datasetUuid, rule, s);
            (s == null ? unknown : known).put(key, slot);
        }
        return slot;
    }

    /**
     * The features of a chunk's requests, computed series by series in date order (so each series'
     * {@link SeriesCursor} mostly moves forward), once per distinct series-day: {@code rowOf[i]} is
     * request i's row in {@code out} and {@code expected}. The requests of one series-day have the
     * same features, hence the same forecast; the order of the rows does not change any row's
     * prediction.
     *
     * @return the rows written (distinct series-days)
     */
    private int extractAll(
            Slot[] requests,
            int[] days,
            int n,
            FeatureExtractor extractor,
            double[] out,
            int[] rowOf,
            int[] expected) {
        // Sort keys: the series' number in this chunk, the day, the request's position.
        chunkNumber++;
        int locals = 0;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            Slot slot = requests[i];
            if (slot.stamp != chunkNumber) {
                slot.stamp = chunkNumber;
                slot.local = locals++;
            }
            keys[i] =
                    (long) slot.local << (DAY_BITS + INDEX_BITS)
                            | (days[i] - FIRST_DAY) << INDEX_BITS
                            | i;
        }
        Arrays.sort(keys);
        int width = extractor.width();
        int rows = 0;
        long previous = -1;
        int indexMask = (1 << INDEX_BITS) - 1;
        for (long key : keys) {
            int i = (int) (key & indexMask);
            long seriesDay = key >>> INDEX_BITS;
            if (seriesDay == previous) {
                rowOf[i] = rows - 1;
                continue;
            }
            previous = seriesDay;
            int day = days[i];
            SeriesState state = requests[i].stateBefore(day);
            extractor.extract(state, day, out, rows * width);
            expected[rows] = FeatureExtractor.expectedExecutions(state, day);
            rowOf[i] = rows++;
        }
        Arrays.fill(requests, 0, n, null);
        unknown.clear();
        return rows;
    }

    private void flush(
            String[] lines,
            boolean[] scored,
            int pending,
            double[] features,
            int[] rowOf,
            int[] expected,
            int rows,
            double[] predictions,
            String version,
            Writer out)
            throws IOException {
        DistributionSpec spec = scorer.model().distribution();
        if (rows > 0) {
            scorer.predict(features, rows, predictions, threads);
        }
        int k = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pending; i++) {
            sb.setLength(0);
            if (scored[i]) {
                int row = rowOf[k++];
                PredictiveDistribution d =
                        PredictiveDistribution.of(predictions[row], expected[row], spec);
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
