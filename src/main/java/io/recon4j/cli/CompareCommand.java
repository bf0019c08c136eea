package io.recon4j.cli;

import io.recon4j.eval.PairedComparison;
import io.recon4j.protocol.FewShotRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon compare}: a paired comparison of two methods' few-shot runs on the same folds. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Paired comparison of two few-shot methods: folds are paired by seed folder and",
            "fold number (their fold.json splits must be identical), then the mean difference A - B",
            "of each fold's best accuracy, its 95% bootstrap interval and the sign-flip p-value."})
final class CompareCommand extends ReconCommand {

    @Option(names = "--a", split = ",", required = true, description = "Few-shot run folders of method A (one per seed).")
    List<Path> a;

    @Option(names = "--b", split = ",", required = true, description = "Few-shot run folders of method B, same seeds, same order.")
    List<Path> b;

    @Option(names = "--name-a", defaultValue = "A", description = "Label of method A (default ${DEFAULT-VALUE}).")
    String nameA;

    @Option(names = "--name-b", defaultValue = "B", description = "Label of method B (default ${DEFAULT-VALUE}).")
    String nameB;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("--a has " + a.size() + " folders and --b " + b.size()
                    + ": give one folder per seed to each, in the same order");
        }
        List<Double> sa = new ArrayList<>();
        List<Double> sb = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            List<FewShotRunner.FoldResult> fa = FewShotRunner.finishedFolds(a.get(i));
            List<FewShotRunner.FoldResult> fb = FewShotRunner.finishedFolds(b.get(i));
            for (FewShotRunner.FoldResult x : fa) {
                for (FewShotRunner.FoldResult y : fb) {
                    if (x.fold() == y.fold()) {
                        requireSameSplit(a.get(i), b.get(i), x.fold());
                        sa.add(x.bestAccuracy());
                        sb.add(y.bestAccuracy());
                    }
                }
            }
        }
        if (sa.size() < 2) {
            throw new IllegalArgumentException("only " + sa.size() + " fold(s) finished in both A and B: need at least 2 pairs");
        }
        double[] xa = sa.stream().mapToDouble(Double::doubleValue).toArray();
        double[] xb = sb.stream().mapToDouble(Double::doubleValue).toArray();
        PairedComparison c = PairedComparison.of(xa, xb, seed);
        PrintWriter pw = out();
        pw.printf(Locale.ROOT, "%s: %.2f ± %.2f %%, %s: %.2f ± %.2f %% (mean ± std over %d paired folds)%n", nameA, mean(xa),
                std(xa), nameB, mean(xb), std(xb), xa.length);
        pw.printf(Locale.ROOT, "%s - %s: %s -> %s%n", nameA, nameB, c, switch (c.verdict()) {
            case A_BETTER -> nameA + " better";
            case B_BETTER -> nameB + " better";
            case INCONCLUSIVE -> "inconclusive";
        });
        pw.flush();
        return 0;
    }

    private static void requireSameSplit(Path a, Path b, int fold) throws java.io.IOException {
        Path fa = a.resolve("fold-" + fold).resolve("fold.json");
        Path fb = b.resolve("fold-" + fold).resolve("fold.json");
        if (!Files.exists(fa) || !Files.exists(fb) || Files.mismatch(fa, fb) != -1) {
            throw new IllegalArgumentException("fold " + fold + " of " + a + " and " + b + " are not the same split ("
                    + fa + " vs " + fb + "): run both with the same --data, --way, --shot and --seed");
        }
    }

    private static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static double std(double[] x) {
        double m = mean(x);
        return Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - m) * (v - m)).average().orElse(Double.NaN));
    }
}
