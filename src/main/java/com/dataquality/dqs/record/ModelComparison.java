package com.dataquality.dqs.record;

/**
 * Where a challenger stands against the champion after a closed day: paired differences of their
 * daily mean errors (challenger minus champion: negative means the challenger is better), a paired
 * test on them, and the verdict. One per challenger and closed day; the JSON form goes to {@code
 * comparisons.jsonl} or the comparisons topic.
 *
 * @param businessDate the day just closed (ISO)
 * @param days closed days compared so far
 * @param meanAbsDiff mean over days of the daily mean absolute-error difference
 * @param meanSquaredDiff the same for squared errors
 * @param ciLow lower bound of the 95% confidence interval of the decision loss's mean difference
 * @param ciHigh upper bound
 * @param tStatistic the paired t statistic of the decision loss
 * @param pValue its two-sided p-value
 * @param effectSize the standardized mean difference (Cohen's d of the paired differences)
 * @param evidence the always-valid evidence against "no difference" (a mixture sequential
 *     probability ratio): the test may be looked at every day without inflating false decisions
 * @param verdict {@code continue}, {@code challenger-better} (it may be promoted), {@code
 *     champion-better}, or {@code promoted}
 */
public record ModelComparison(
        String businessDate,
        String challenger,
        String champion,
        String loss,
        int days,
        double meanAbsDiff,
        double meanSquaredDiff,
        double ciLow,
        double ciHigh,
        double tStatistic,
        double pValue,
        double effectSize,
        double evidence,
        String verdict) {}
