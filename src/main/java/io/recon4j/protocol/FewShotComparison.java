package io.recon4j.protocol;

import io.recon4j.eval.PairedComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * A paired comparison of two few-shot methods run on the same folds: folds are paired by seed folder and fold number
 * (their {@code fold.json} splits must be identical), then each method's mean ± std of the folds' best accuracies and
 * the {@link PairedComparison} of A - B (mean difference, 95% bootstrap interval, sign-flip p-value).
 *
 * @param a the best accuracy of each paired fold of method A, in %
 * @param b the same folds' best accuracies of method B, in %
 * @param seedOf for each paired fold, the index of the seed (folder pair) it came from
 * @param comparison the paired comparison A - B
 */
public record FewShotComparison(double[] a, double[] b, int[] seedOf, PairedComparison comparison) {

    /**
     * Pairs the finished folds of two methods' runs, one run folder per seed in the same order.
     *
     * @param runsA few-shot run folders of method A (one per seed; a null entry: that seed has no run, and its folds
     *     are not paired)
     * @param runsB few-shot run folders of method B, same seeds, same order (null entries as in {@code runsA})
     * @param seed seed of the bootstrap
     * @return the comparison of every fold finished in both
     * @throws IllegalArgumentException when the folder counts differ, paired folds are not the same split, or fewer
     *     than two folds finished in both
     * @throws IOException when a run folder cannot be read
     */
    public static FewShotComparison of(List<Path> runsA, List<Path> runsB, long seed) throws IOException {
        return of(runsA, runsB, fold -> true, seed);
    }

    /**
     * As {@link #of(List, List, long)}, over the folds {@code folds} accepts only.
     *
     * @param folds which fold numbers (0-based) take part, e.g. the first five where other runs have only those
     */
    public static FewShotComparison of(List<Path> runsA, List<Path> runsB, IntPredicate folds, long seed) throws IOException {
        if (runsA.size() != runsB.size()) {
            throw new IllegalArgumentException("--a has " + runsA.size() + " folders and --b " + runsB.size()
                    + ": give one folder per seed to each, in the same order");
        }
        List<Double> sa = new ArrayList<>();
        List<Double> sb = new ArrayList<>();
        List<Integer> seeds = new ArrayList<>();
        for (int i = 0; i < runsA.size(); i++) {
            if (runsA.get(i) == null || runsB.get(i) == null) {
                continue; // a seed without one of the runs: the other seeds still pair within themselves
            }
            List<FewShotRunner.FoldResult> fb = FewShotRunner.finishedFolds(runsB.get(i));
            for (FewShotRunner.FoldResult x : FewShotRunner.finishedFolds(runsA.get(i))) {
                for (FewShotRunner.FoldResult y : fb) {
                    if (x.fold() == y.fold() && folds.test(x.fold())) {
                        requireSameSplit(runsA.get(i), runsB.get(i), x.fold());
                        sa.add(x.bestAccuracy());
                        sb.add(y.bestAccuracy());
                        seeds.add(i);
                    }
                }
            }
        }
        if (sa.size() < 2) {
            throw new IllegalArgumentException("only " + sa.size() + " fold(s) finished in both A and B: need at least 2 pairs");
        }
        double[] xa = sa.stream().mapToDouble(Double::doubleValue).toArray();
        double[] xb = sb.stream().mapToDouble(Double::doubleValue).toArray();
        return new FewShotComparison(xa, xb, seeds.stream().mapToInt(Integer::intValue).toArray(), PairedComparison.of(xa, xb, seed));
    }

    /**
     * @param nameA label of method A
     * @param nameB label of method B
     * @return two lines: each method's mean ± std over the paired folds, then A - B with its interval and verdict
     */
    public String toText(String nameA, String nameB) {
        String verdict = comparison.verdictWords(nameA + " better", nameB + " better");
        return String.format(Locale.ROOT, "%s: %.2f ± %.2f %%, %s: %.2f ± %.2f %% (mean ± std over %d paired folds)%n",
                nameA, mean(a), std(a), nameB, mean(b), std(b), a.length)
                + String.format(Locale.ROOT, "%s - %s: %s -> %s%n", nameA, nameB, comparison, verdict);
    }

    private static void requireSameSplit(Path a, Path b, int fold) throws IOException {
        Path fa = a.resolve("fold-" + fold).resolve("fold.json");
        Path fb = b.resolve("fold-" + fold).resolve("fold.json");
        if (!Files.exists(fa) || !Files.exists(fb) || Files.mismatch(fa, fb) != -1) {
            throw new IllegalArgumentException("fold " + fold + " of " + a + " and " + b + " are not the same split ("
                    + fa + " vs " + fb + "): run both with the same --data, --way, --shot and --seed");
        }
    }

    static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    static double std(double[] x) {
        double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).average().orElse(Double.NaN));
    }
}
