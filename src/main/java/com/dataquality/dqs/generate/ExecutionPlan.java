package com.dataquality.dqs.generate;

/**
 * How many executions each series has on each day, summing to exactly the requested number of rows.
 * Each present series-day has a weight (its execution rate, jittered); the total budget is spread
 * over the weights by systematic rounding along the day-major order, so every day of the range gets
 * its share, counts are close to {@code weight × budget / total weight}, and the sum is exact
 * without piling a remainder onto the last day.
 */
final class ExecutionPlan {
    private final SeriesModel model;
    private final int seriesCount;
    private final long rows;
    private final double scale;
    private final double offset;
    private final boolean uniform;
    private final long lastIndex;

    private double cumulative;
    private long emitted;
    private long nextDay;

    ExecutionPlan(SeriesModel model, int seriesCount, int days, long rows, long seed) {
        this.model = model;
        this.seriesCount = seriesCount;
        this.rows = rows;
        double total = 0.0;
        long last = -1;
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < seriesCount; s++) {
                double w = model.weight(s, d);
                if (w > 0) {
                    total += w;
                    last = (long) d * seriesCount + s;
                }
            }
        }
        // Only with a handful of series-days can every one be missing; then ignore the gaps.
        this.uniform = total <= 0.0;
        if (uniform) {
            total = (double) days * seriesCount;
            last = (long) days * seriesCount - 1;
        }
        this.scale = rows / total;
        this.lastIndex = last;
        this.offset = Mix.uniform(seed, 0, 0, 3);
    }

    /**
     * Fills {@code counts} with the executions of every series on day {@code d}. Days must be asked
     * for in order, starting at 0, because the rounding carries from one day to the next.
     */
    void countsFor(int d, int[] counts) {
        if (d != nextDay) {
            throw new IllegalStateException("days must be planned in order: " + d);
        }
        nextDay++;
        for (int s = 0; s < seriesCount; s++) {
            double w = uniform ? 1.0 : model.weight(s, d);
            long c = 0;
            if (w > 0) {
                long before = (long) Math.floor(cumulative * scale + offset);
                cumulative += w;
                long after = (long) Math.floor(cumulative * scale + offset);
                c = Math.min(after - before, rows - emitted);
                if ((long) d * seriesCount + s == lastIndex) {
                    // Floating-point rounding may leave the total one short; the last one absorbs
                    // it.
                    c = rows - emitted;
                }
            }
            counts[s] = (int) Math.min(Integer.MAX_VALUE, c);
            emitted += counts[s];
        }
    }
}
