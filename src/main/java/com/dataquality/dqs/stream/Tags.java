package com.dataquality.dqs.stream;

import com.dataquality.dqs.record.Anomaly;
import com.dataquality.dqs.record.DeadLetter;
import com.dataquality.dqs.record.ForecastFeatures;
import com.dataquality.dqs.record.ModelCommand;
import com.dataquality.dqs.record.PairedError;
import com.dataquality.dqs.record.PredictionRow;
import com.dataquality.dqs.record.RetrainTrigger;
import com.dataquality.dqs.record.SeriesDay;
import com.dataquality.dqs.record.SummaryRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The job's side outputs, in one place so that producers and consumers share one instance. */
public final class Tags {
    /** Records that could not be understood, with origin and reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** The final summary rows, sorted by key, at the end of bounded input. */
    public static final OutputTag<SummaryRow> FINAL_ROWS =
            new OutputTag<>("final-summary-rows", TypeInformation.of(SummaryRow.class));

    /** The features of every forecast, for the drift side pipeline. */
    public static final OutputTag<ForecastFeatures> FORECAST_FEATURES =
            new OutputTag<>("forecast-features", TypeInformation.of(ForecastFeatures.class));

    /**
     * Forecasts of the served models other than the one a series is served by (shadow scoring of
     * challengers), and their realizations, as the main output carries the served ones.
     */
    public static final OutputTag<PredictionRow> SHADOW_PREDICTIONS =
            new OutputTag<>("shadow-predictions", TypeInformation.of(PredictionRow.class));

    /** A challenger's and the champion's errors on each realized series-day. */
    public static final OutputTag<PairedError> PAIRED_ERRORS =
            new OutputTag<>("paired-errors", TypeInformation.of(PairedError.class));

    /** Realized days outside the anomaly interval of the forecast that served them. */
    public static final OutputTag<Anomaly> ANOMALIES =
            new OutputTag<>("anomalies", TypeInformation.of(Anomaly.class));

    /** Promotions the comparison of models decided ({@code --auto-promote}). */
    public static final OutputTag<ModelCommand> PROMOTIONS =
            new OutputTag<>("promotions", TypeInformation.of(ModelCommand.class));

    /** Requests to retrain, from the drift stage, when drift persisted. */
    public static final OutputTag<RetrainTrigger> RETRAIN_TRIGGERS =
            new OutputTag<>("retrain-triggers", TypeInformation.of(RetrainTrigger.class));

    /** Each series' closed days, for the job's own retrainer. */
    public static final OutputTag<SeriesDay> CLOSED_DAYS =
            new OutputTag<>("closed-series-days", TypeInformation.of(SeriesDay.class));

    private Tags() {}
}
