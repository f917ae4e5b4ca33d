package org.charybdis.tools.stress;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Key indexes in {@code [0, keys)} drawn from a Zipfian distribution (index 0 the most popular), by the method of
 * Gray et al., "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD 1994), as YCSB's hot-key workloads
 * do; with the exponent 0.99 the hottest 1% of the keys take about two thirds of the requests at a million keys. The
 * setup sums {@code keys} powers once; each draw is a handful of floating-point operations. Thread-safe.
 */
final class ZipfianKeys implements LongSupplier {
    /** YCSB's default exponent. */
    static final double DEFAULT_EXPONENT = 0.99;

    private final long keys;
    private final double exponent;
    private final double zetaN;
    private final double alpha;
    private final double eta;
    private final double secondThreshold;

    ZipfianKeys(long keys, double exponent) {
        if (keys < 1) throw new IllegalArgumentException("the key count must be positive: " + keys);
        if (!(exponent > 0 && exponent < 1)) throw new IllegalArgumentException("the Zipfian exponent must be in (0, 1): " + exponent);
        this.keys = keys;
        this.exponent = exponent;
        this.zetaN = zeta(keys, exponent);
        double zeta2 = zeta(Math.min(2, keys), exponent);
        this.alpha = 1 / (1 - exponent);
        this.eta = keys < 2 ? 0 : (1 - Math.pow(2.0 / keys, 1 - exponent)) / (1 - zeta2 / zetaN);
        this.secondThreshold = 1 + Math.pow(0.5, exponent);
    }

    @Override
    public long getAsLong() {
        double u = ThreadLocalRandom.current().nextDouble();
        double uz = u * zetaN;
        if (uz < 1 || keys == 1) return 0;
        if (uz < secondThreshold) return 1;
        long index = (long) (keys * Math.pow(eta * u - eta + 1, alpha));
        return Math.min(index, keys - 1);
    }

    double exponent() { return exponent; }

    /** Sum of 1 / i^exponent for i in 1..n. */
    private static double zeta(long n, double exponent) {
        double sum = 0;
        for (long i = 1; i <= n; i++) sum += 1 / Math.pow(i, exponent);
        return sum;
    }
}
