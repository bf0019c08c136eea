package io.recon4j.data.procedural;

/**
 * A small deterministic random source (SplitMix64) whose whole output is fixed by its seed, so a
 * shape depends only on the seed it was derived from — not on the JVM, the thread or the order in
 * which shapes are generated. Not thread-safe: each shape uses its own instance.
 */
final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /**
     * @param keys any number of integers, e.g. (seed, split, class, index)
     * @return a well-mixed seed that changes completely when any key changes
     */
    static long derive(long... keys) {
        long h = GOLDEN_GAMMA;
        for (long k : keys) {
            h = mix64(h ^ mix64(k + GOLDEN_GAMMA));
        }
        return h;
    }

    /** Stafford variant 13 finaliser, as in SplitMix64. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** @return a double uniform in [0, 1) */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return a double uniform in [lo, hi) */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** @return a value whose logarithm is uniform, for scale factors such as densities */
    double logUniform(double lo, double hi) {
        return lo * StrictMath.exp(StrictMath.log(hi / lo) * nextDouble());
    }

    /** @return an int uniform in [0, n) */
    int nextInt(int n) {
        return (int) (nextDouble() * n);
    }

    /** @return true with probability p */
    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** @return a standard normal value (Box–Muller, StrictMath so the bits never vary) */
    double gaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1], keeps log finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }
}
