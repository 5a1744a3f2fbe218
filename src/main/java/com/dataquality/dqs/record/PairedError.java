package com.dataquality.dqs.record;

/**
 * The errors of a challenger and of the champion on the same series-day: what the comparison of
 * models is built from (both forecast the day from the same history, so their difference is the
 * models' difference, not the day's).
 *
 * @param day the forecast day (epoch day)
 */
public record PairedError(
        String challenger,
        String champion,
        int day,
        double challengerAbsError,
        double championAbsError,
        double challengerSquaredError,
        double championSquaredError) {}
