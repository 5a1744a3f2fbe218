package com.dataquality.dqs.drift;

import com.dataquality.dqs.model.DistributionSpec;
import com.dataquality.dqs.model.ForecastModel;

/**
 * A day's realized forecasts as the error test needs them, summed into four numbers: the absolute
 * errors (for models without a forecast distribution, and for the events' detail) and the mid-PIT
 * deviations and their variances ({@link DistributionSpec#midPit}).
 *
 * @param absErrorSum sum of the absolute errors
 * @param rows realized forecasts
 * @param pitDeviation sum over them of {@code u − 1/2}
 * @param pitVariance sum of the variances of u under each forecast's distribution
 */
public record ErrorEvidence(double absErrorSum, int rows, double pitDeviation, double pitVariance) {

    public static final ErrorEvidence NONE = new ErrorEvidence(0, 0, 0, 0);

    /**
     * This evidence with one realized forecast more.
     *
     * @param mean the forecast's mean (percent)
     * @param executions the day's actual executions
     * @param passes the day's actual passes
     */
    public ErrorEvidence plus(ForecastModel model, double mean, int executions, int passes) {
        double actual = executions > 0 ? 100.0 * passes / executions : mean;
        double deviation = 0;
        double variance = 0;
        DistributionSpec spec = model.distribution();
        if (spec != null && executions > 0) {
            double[] u = spec.midPit(mean, executions, passes);
            deviation = u[0] - 0.5;
            variance = u[1];
        }
        return new ErrorEvidence(
                absErrorSum + Math.abs(mean - actual),
                rows + 1,
                pitDeviation + deviation,
                pitVariance + variance);
    }

    /** The day's standardized PIT statistic, NaN without forecasts or a distribution. */
    public double pitZ() {
        return pitVariance > 0 ? pitDeviation / Math.sqrt(pitVariance) : Double.NaN;
    }

    public double mae() {
        return rows > 0 ? absErrorSum / rows : Double.NaN;
    }
}
