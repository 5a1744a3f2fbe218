package com.dataquality.dqs.format;

import com.dataquality.dqs.record.Forecast;
import com.dataquality.dqs.record.PredictionRow;

/**
 * The CSV forms of forecasts. {@code predictions.csv} holds one row per forecast, the contract's
 * five columns first (CONTRACT.md §4), then the forecast distribution and how the forecast was
 * made; {@code realized.csv} holds one row per forecast whose day has closed with executions, with
 * the actual value and the error (a shadow file holds both kinds, told apart by the empty actual).
 * The dataset id and model version are text cells ({@link Csv#text}), the rest are numbers, dates,
 * roles and flags.
 */
public final class PredictionCsv {
    private PredictionCsv() {}

    public static String header() {
        return "dataset_uuid,rule_code,business_date,predicted_pass_percentage,model_version,"
                + "predicted_median,predicted_lower,predicted_upper,interval_level,model_role,late";
    }

    public static String line(Forecast f) {
        return Csv.line(
                Csv.text(f.datasetUuid()),
                Integer.toString(f.ruleCode()),
                f.businessDate(),
                Decimals.plain(f.predictedPassPercentage()),
                Csv.text(f.modelVersion()),
                optional(f.predictedMedian()),
                optional(f.predictedLower()),
                optional(f.predictedUpper()),
                optional(f.intervalLevel()),
                f.modelRole().label(),
                Boolean.toString(f.late()));
    }

    public static String realizedHeader() {
        return "dataset_uuid,rule_code,business_date,predicted_pass_percentage,model_version,"
                + "actual_pass_percentage,abs_error,executions,passes,predicted_median,"
                + "predicted_lower,predicted_upper,inside_interval,model_role";
    }

    /** A realized row; a forecast not realized yet has empty actual fields. */
    public static String realizedLine(PredictionRow r) {
        Forecast f = r.forecast();
        boolean realized = r.realized();
        Boolean inside = r.insideInterval();
        return Csv.line(
                Csv.text(f.datasetUuid()),
                Integer.toString(f.ruleCode()),
                f.businessDate(),
                Decimals.plain(f.predictedPassPercentage()),
                Csv.text(f.modelVersion()),
                realized ? Decimals.plain(r.actualPassPercentage()) : "",
                realized ? Decimals.plain(r.absError()) : "",
                realized ? Integer.toString(r.executions()) : "",
                realized ? Integer.toString(r.passes()) : "",
                optional(f.predictedMedian()),
                optional(f.predictedLower()),
                optional(f.predictedUpper()),
                inside == null ? "" : inside.toString(),
                f.modelRole().label());
    }

    private static String optional(Double v) {
        return v == null ? "" : Decimals.plain(v);
    }
}
