package io.recon4j.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A paired comparison of two methods measured on the same units (seed × fold pairs): the mean difference
 * {@code a − b}, its 95 % bootstrap percentile interval (units resampled with replacement) and the two-sided
 * sign-flip permutation p-value (exact up to 2^16 units' sign patterns, Monte Carlo beyond). Pairing removes the
 * fold-to-fold spread both methods share, which is what makes few-shot differences of a few points readable.
 *
 * @param meanDifference mean of {@code a[i] − b[i]}
 * @param low lower end of the 95 % bootstrap interval
 * @param high upper end of the 95 % bootstrap interval
 * @param pValue two-sided sign-flip permutation p-value of "no difference"
 * @param n number of paired units
 */
public record PairedComparison(double meanDifference, double low, double high, double pValue, int n) {

    /** Bootstrap resamples: enough for stable 2.5 % / 97.5 % percentiles. */
    private static final int RESAMPLES = 10_000;
    /** Up to this many units every sign pattern is enumerated (2^16 patterns). */
    private static final int EXACT_UNITS = 16;
    private static final int MONTE_CARLO = 20_000;

    /** What the interval says about {@code a} against {@code b}. */
    public enum Verdict {
        /** the whole interval is above 0 */
        A_BETTER,
        /** the whole interval is below 0 */
        B_BETTER,
        /** the interval contains 0 */
        INCONCLUSIVE
    }

    /**
     * @param a the first method's score per unit
     * @param b the second method's score on the same units, same order
     * @param seed seed of the resampling (results are reproducible for a seed)
     * @throws IllegalArgumentException on different lengths, fewer than 2 units or non-finite scores
     */
    public static PairedComparison of(double[] a, double[] b, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired scores need the same units: " + a.length + " vs " + b.length);
        }
        if (a.length < 2) {
            throw new IllegalArgumentException("a paired comparison needs at least 2 units, got " + a.length);
        }
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("unit " + i + " has a non-finite score: " + a[i] + ", " + b[i]);
            }
            d[i] = a[i] - b[i];
        }
        double mean = Arrays.stream(d).average().orElseThrow();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] means = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += d[rnd.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        double low = means[(int) Math.floor(0.025 * (RESAMPLES - 1))];
        double high = means[(int) Math.ceil(0.975 * (RESAMPLES - 1))];
        return new PairedComparison(mean, low, high, signFlipP(d, rnd), n);
    }

    /** Share of sign patterns whose |mean| reaches the observed |mean| (with a rounding allowance). */
    private static double signFlipP(double[] d, SplittableRandom rnd) {
        int n = d.length;
        double observed = Math.abs(Arrays.stream(d).sum()) - 1e-9 * (1 + Arrays.stream(d).map(Math::abs).sum());
        long hits = 0;
        long total;
        if (n <= EXACT_UNITS) {
            total = 1L << n;
            for (long mask = 0; mask < total; mask++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (mask >> i & 1) == 1 ? -d[i] : d[i];
                }
                hits += Math.abs(s) >= observed ? 1 : 0;
            }
        } else {
            total = MONTE_CARLO + 1;
            hits = 1; // the observed pattern itself, so p is never 0
            for (int r = 0; r < MONTE_CARLO; r++) {
                double s = 0;
                for (double x : d) {
                    s += rnd.nextBoolean() ? -x : x;
                }
                hits += Math.abs(s) >= observed ? 1 : 0;
            }
        }
        return (double) hits / total;
    }

    /** @return what the 95 % interval says */
    public Verdict verdict() {
        return low > 0 ? Verdict.A_BETTER : high < 0 ? Verdict.B_BETTER : Verdict.INCONCLUSIVE;
    }

    /**
     * The verdict in words. The interval decides, as {@link #verdict()}; where it excludes 0 but the sign-flip test
     * does not reach 5% (always so with 5 or fewer units, whose smallest two-sided p is 2/32), the words say so.
     *
     * @param ifA the words when {@code a} is better, e.g. "ReCon better"
     * @param ifB the words when {@code b} is better
     * @return {@code ifA}, {@code ifB}, "inconclusive", or "marginal: ... by the interval, not by p"
     */
    public String verdictWords(String ifA, String ifB) {
        String v = switch (verdict()) {
            case A_BETTER -> ifA;
            case B_BETTER -> ifB;
            case INCONCLUSIVE -> "inconclusive";
        };
        return verdict() != Verdict.INCONCLUSIVE && pValue >= 0.05 ? "marginal: " + v + " by the interval, not by p" : v;
    }

    /** @return e.g. {@code +5.20 [+1.10, +9.30], p = 0.021, n = 30} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f], p = %.3g, n = %d", meanDifference, low, high, pValue, n);
    }
}
