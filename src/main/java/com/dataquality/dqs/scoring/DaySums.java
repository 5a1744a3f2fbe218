package com.dataquality.dqs.scoring;

/**
 * The paired error differences of one challenger on one open day, and the champion's errors on the
 * same series-days (a Flink POJO).
 */
public final class DaySums {
    public String challenger;
    public String champion;
    public int day;
    public double absDiff;
    public double squaredDiff;
    public double championAbs;
    public double championSquared;
    public int pairs;

    public DaySums() {}
}
