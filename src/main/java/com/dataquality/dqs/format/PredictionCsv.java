package com.dataquality.dqs.format;

import com.dataquality.dqs.record.Prediction;

/**
 * The {@code predictions.csv} format (CONTRACT.md §4): a forecast row when a day is forecast, and a
 * second row for the same day with {@code actual_pass_percentage} and {@code abs_error} once the
 * day is known. The dataset id and model version are text cells ({@link Csv#text}), the rest are
 * numbers and dates.
 */
public final class PredictionCsv {
    private PredictionCsv() {}

    public static String header() {
        return "dataset_uuid,rule_code,business_date,predicted_pass_percentage,model_version,"
                + "actual_pass_percentage,abs_error";
    }

    public static String line(Prediction p) {
        return Csv.line(
                Csv.text(p.datasetUuid()),
                Integer.toString(p.ruleCode()),
                p.businessDate(),
                Decimals.plain(p.predictedPassPercentage()),
                Csv.text(p.modelVersion()),
                p.actualPassPercentage() == null ? "" : Decimals.plain(p.actualPassPercentage()),
                p.absError() == null ? "" : Decimals.plain(p.absError()));
    }
}
