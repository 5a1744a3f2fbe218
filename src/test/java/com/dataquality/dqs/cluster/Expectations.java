package com.dataquality.dqs.cluster;

import com.dataquality.dqs.parse.CsvFiles;
import com.dataquality.dqs.record.RuleExecution;
import com.dataquality.dqs.record.Status;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the published records imply for the forecasts (CONTRACT.md §4 and {@code SeriesForecaster}):
 * the daily executions and passes of every series, read from the batch files with the product's
 * file parser (the job reads them as JSON from Kafka, so this is also a cross-check of the two
 * parsers).
 *
 * <p>Forecast rule: when day d of a series closes and the series was observed in [d - 6, d], day d
 * + 1 is forecast, once. Every day up to the last closed day of the job closes, so the forecasts
 * that must exist are d + 1 for every d from the series' first day to the job's last closed day
 * with an observation in [d - 6, d]; a forecast is realized once its day closes with executions.
 */
final class Expectations {
    /** A series and a day: the key of a forecast. */
    record SeriesDay(String datasetUuid, int ruleCode, LocalDate date)
            implements Comparable<SeriesDay> {
        @Override
        public int compareTo(SeriesDay o) {
            int c = datasetUuid.compareTo(o.datasetUuid);
            if (c == 0) {
                c = Integer.compare(ruleCode, o.ruleCode);
            }
            return c != 0 ? c : date.compareTo(o.date);
        }

        @Override
        public String toString() {
            return datasetUuid + "/" + ruleCode + "/" + date;
        }
    }

    /** Executions and passes of one series-day. */
    record Day(long executions, long passes) {
        double passPercentage() {
            return 100.0 * passes / executions;
        }
    }

    /** Series "uuid/rule" → day → counts. */
    final Map<String, NavigableMap<LocalDate, Day>> series = new TreeMap<>();

    private LocalDate maxDate;

    static Expectations of(List<Path> files) {
        Expectations e = new Expectations();
        CsvFiles.forEach(
                files,
                r -> {
                    if (r.isValid()) {
                        e.add(r.execution());
                    }
                });
        return e;
    }

    private void add(RuleExecution x) {
        LocalDate d = x.businessDate();
        series.computeIfAbsent(x.datasetUuid() + "/" + x.ruleCode(), k -> new TreeMap<>())
                .merge(
                        d,
                        new Day(1, x.status() == Status.PASS ? 1 : 0),
                        (a, b) -> new Day(a.executions + b.executions, a.passes + b.passes));
        if (maxDate == null || d.isAfter(maxDate)) {
            maxDate = d;
        }
    }

    LocalDate maxDate() {
        return maxDate;
    }

    /** The forecasts that must exist once the job has closed every day up to {@code lastClosed}. */
    TreeSet<SeriesDay> forecasts(LocalDate lastClosed) {
        TreeSet<SeriesDay> out = new TreeSet<>();
        series.forEach(
                (key, days) -> {
                    String uuid = key.substring(0, key.lastIndexOf('/'));
                    int rule = Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
                    for (LocalDate d = days.firstKey(); !d.isAfter(lastClosed); d = d.plusDays(1)) {
                        if (!days.subMap(d.minusDays(6), true, d, true).isEmpty()) {
                            out.add(new SeriesDay(uuid, rule, d.plusDays(1)));
                        }
                    }
                });
        return out;
    }

    /** The day's counts of a series, or null when it has no executions that day. */
    Day day(SeriesDay sd) {
        NavigableMap<LocalDate, Day> days = series.get(sd.datasetUuid() + "/" + sd.ruleCode());
        return days == null ? null : days.get(sd.date());
    }
}
