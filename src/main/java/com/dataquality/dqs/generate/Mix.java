package com.dataquality.dqs.generate;

/**
 * Stateless random numbers from a seed and coordinates (SplitMix64's finalizer). The row allocation
 * reads each series-day's weight twice (once to total, once to emit), so it must be a pure function
 * of (seed, series, day) rather than the next value of a stream.
 */
final class Mix {
    private Mix() {}

    static long hash(long seed, long a, long b, long salt) {
        long z = seed;
        z = mix(z + 0x9E3779B97F4A7C15L * (a + 1));
        z = mix(z + 0xC2B2AE3D27D4EB4FL * (b + 1));
        return mix(z + 0x165667B19E3779F9L * (salt + 1));
    }

    /** Uniform in [0, 1). */
    static double uniform(long seed, long a, long b, long salt) {
        return (hash(seed, a, b, salt) >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
