package com.dataquality.dqs.scoring;

import com.dataquality.dqs.stats.PairedComparison;

/**
 * One challenger's running comparison with the champion, as the comparison operator keeps it in
 * state (a Flink POJO): against which champion, the paired comparisons of daily mean absolute and
 * squared errors, the champion's own mean daily losses (the scale of the minimum improvement), the
 * last day counted, and whether a promotion was already asked for.
 */
public final class ChallengerRecord {
    public String champion;
    public PairedComparison abs = PairedComparison.empty();
    public PairedComparison squared = PairedComparison.empty();
    public double championAbsMean;
    public double championSquaredMean;
    public int lastDay = Integer.MIN_VALUE;
    public boolean promotionAsked;

    public ChallengerRecord() {}

    /** Counts a closed day: the day's mean paired differences and the champion's mean losses. */
    public void addDay(DaySums d) {
        abs = abs.plus(d.absDiff / d.pairs);
        squared = squared.plus(d.squaredDiff / d.pairs);
        int n = abs.days;
        championAbsMean += (d.championAbs / d.pairs - championAbsMean) / n;
        championSquaredMean += (d.championSquared / d.pairs - championSquaredMean) / n;
        lastDay = d.day;
    }

    public static ChallengerRecord against(String champion) {
        ChallengerRecord r = new ChallengerRecord();
        r.champion = champion;
        return r;
    }
}
