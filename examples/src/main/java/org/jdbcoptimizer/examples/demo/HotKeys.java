package org.jdbcoptimizer.examples.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which product or category a visitor looks at: a few are popular, most are not. Ids 1 to n are drawn
 * with probability proportional to 1 / id (Zipf's law with exponent 1): with n = 200, id 1 gets about
 * 17% of the views and ids 1 to 20 together about 61%.
 *
 * <p>Immutable and thread-safe; each client brings its own random generator.
 */
final class HotKeys {

    private final double[] cumulative;

    /** @param n how many keys are visited at all, at least 1 */
    HotKeys(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one key, got " + n);
        }
        cumulative = new double[n];
        double total = 0;
        for (int id = 1; id <= n; id++) {
            total += 1.0 / id;
            cumulative[id - 1] = total;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= total;
        }
        cumulative[n - 1] = 1.0;
    }

    /** An id from 1 to n, low ids far more often. */
    int next(SplittableRandom random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return (index >= 0 ? index : -index - 1) + 1;
    }
}
