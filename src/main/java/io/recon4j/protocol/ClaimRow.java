package io.recon4j.protocol;

import io.recon4j.eval.PairedComparison;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of the quickstart's verdict table: a measured metric beside its baselines, what it tests, and the verdict
 * of the rule fixed before measuring ({@link Verdict#of}).
 *
 * @param claim the claim's number and name as in docs/results.md, e.g. {@code "1 pretraining pays"}
 * @param metric what is measured, e.g. {@code "5-way 10-shot, unseen classes (%)"}
 * @param tests one sentence: what this row tests and on which data
 * @param value the method's score (null for a claim not run at this budget)
 * @param baselines the baselines it is compared with (may be empty)
 * @param comparison paired (method − the deciding baseline) over the same units, or null where not run
 * @param verdict the verdict
 * @param why one line in words: why the verdict came out so
 */
public record ClaimRow(String claim, String metric, String tests, Estimate value, List<Baseline> baselines,
                       PairedComparison comparison, Verdict verdict, String why) {

    public ClaimRow {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(verdict, "verdict");
        baselines = List.copyOf(baselines);
        if (verdict != Verdict.NOT_RUN && (value == null || comparison == null)) {
            throw new IllegalArgumentException("claim " + claim + ": a measured row needs a value and a comparison");
        }
    }

    /**
     * A score over units (folds or test shapes) with its spread.
     *
     * @param mean mean over the units, percent
     * @param spread standard deviation over folds, or the standard error over shapes (see {@code unit})
     * @param n number of units
     * @param unit {@code "folds"} or {@code "shapes"}: what the spread is taken over
     */
    public record Estimate(double mean, double spread, int n, String unit) {
        /** @return mean and standard deviation of {@code values}, percent, over {@code n} folds */
        public static Estimate ofFolds(double[] values) {
            return new Estimate(ClaimRow.mean(values), ClaimRow.std(values), values.length, "folds");
        }

        /** @return accuracy of 0/1 outcomes (as 0 or 100) with its binomial standard error */
        public static Estimate ofShapes(double[] correct100) {
            double p = ClaimRow.mean(correct100) / 100;
            return new Estimate(100 * p, 100 * Math.sqrt(p * (1 - p) / correct100.length), correct100.length, "shapes");
        }

        /** @return e.g. {@code 61.3 ± 8.2} */
        public String format() {
            return Double.isNaN(spread) ? String.format(Locale.ROOT, "%.1f", mean)
                    : String.format(Locale.ROOT, "%.1f ± %.1f", mean, spread);
        }
    }

    /**
     * @param name e.g. {@code "random init"}, {@code "chance"}
     * @param value its score (spread NaN for an exact one such as chance)
     */
    public record Baseline(String name, Estimate value) {
        /** @return an exact baseline with no spread, e.g. chance */
        public static Baseline exact(String name, double percent) {
            return new Baseline(name, new Estimate(percent, Double.NaN, 0, ""));
        }
    }

    /** The verdict of a claim's row. */
    public enum Verdict {
        /** the paired 95 % interval of (method − baseline) lies above 0 */
        REPRODUCED("reproduced"),
        /** it lies below 0 */
        NOT_REPRODUCED("not reproduced"),
        /** it contains 0 */
        INCONCLUSIVE("inconclusive"),
        /** not measured at this budget */
        NOT_RUN("not run at this budget");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        /** @return the verdict in words */
        public String words() {
            return words;
        }

        /** The rule, fixed before measuring: the paired 95 % bootstrap interval against 0. */
        public static Verdict of(PairedComparison c) {
            return switch (c.verdict()) {
                case A_BETTER -> REPRODUCED;
                case B_BETTER -> NOT_REPRODUCED;
                case INCONCLUSIVE -> INCONCLUSIVE;
            };
        }
    }

    /** @return a row for a claim this budget cannot test, saying why and where it is tested */
    public static ClaimRow notRun(String claim, String tests, String why) {
        return new ClaimRow(claim, "—", tests, null, List.of(), null, Verdict.NOT_RUN, why);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
