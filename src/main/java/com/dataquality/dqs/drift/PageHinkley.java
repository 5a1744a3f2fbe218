package com.dataquality.dqs.drift;

/**
 * Page-Hinkley test for a sustained rise of a standardized daily value {@code z} (0 when nothing
 * changed, in units of its usual day-to-day spread). It accumulates {@code m_t = Σ (min(z, clip) -
 * delta)} and signals when {@code m_t - min_{s≤t} m_s > lambda}.
 *
 * <p>{@code delta} is the rise tolerated forever; {@code lambda} sets how much accumulated evidence
 * an alarm needs; clipping each day at {@code clip < lambda + delta} means one bad day, however
 * bad, never raises an alarm alone. Immutable: {@link #next} returns the updated test, so it can
 * live in Flink value state as it is.
 *
 * @param sum the cumulative sum {@code m_t}
 * @param minimum the smallest {@code m_s} so far (0 at the start)
 * @param days values seen
 */
public record PageHinkley(double sum, double minimum, int days) {

    public static final PageHinkley START = new PageHinkley(0, 0, 0);

    /** The test after one more day. */
    public PageHinkley next(double z, double delta, double clip) {
        double s = sum + Math.min(z, clip) - delta;
        return new PageHinkley(s, Math.min(minimum, s), days + 1);
    }

    /** The statistic compared with lambda: how far the sum rose above its lowest point. */
    public double statistic() {
        return sum - minimum;
    }

    public boolean alarm(double lambda) {
        return statistic() > lambda;
    }
}
