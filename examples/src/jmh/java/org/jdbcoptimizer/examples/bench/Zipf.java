package org.jdbcoptimizer.examples.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 1 to n with probability proportional to 1 / rank^s (Zipf's law): a few keys are hot,
 * most are cold, as page views of a shop's products are. With s = 1 and n = 200, rank 1 is drawn about
 * 17% of the time and the first 20 ranks together about 61%.
 *
 * <p>Immutable and thread-safe; each caller brings its own random generator.
 */
final class Zipf {

    private final double[] cumulative;

    /**
     * @param n        ranks, at least 1
     * @param exponent s, at least 0 (0 draws uniformly)
     */
    Zipf(int n, double exponent) {
        if (n < 1 || exponent < 0) {
            throw new IllegalArgumentException("Zipf needs n >= 1 and exponent >= 0, got " + n + ", " + exponent);
        }
        cumulative = new double[n];
        double total = 0;
        for (int rank = 1; rank <= n; rank++) {
            total += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= total;
        }
        cumulative[n - 1] = 1.0;
    }

    /** A rank from 1 to n. */
    int next(SplittableRandom random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return (index >= 0 ? index : -index - 1) + 1;
    }
}
