package com.dataquality.dqs.stream;

/**
 * The key of the operators that must see a whole stream in one place (the final summary, drift,
 * retraining): keyed by this one constant and run at parallelism 1, they keep their state in Flink
 * keyed state and get event-time timers, which a non-keyed operator has not.
 */
public final class GlobalKey {
    public static final Integer VALUE = 0;

    private GlobalKey() {}
}
