package io.recon4j.cli;

import io.recon4j.protocol.FewShotComparison;
import io.recon4j.protocol.ShapeComparison;
import io.recon4j.report.PairedFoldsPlot;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code recon compare}: a paired comparison of two methods' few-shot runs on the same folds, or of their SVM runs or
 * fine-tuned models' tests on the same test shapes.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Paired comparison of two methods. Few-shot runs: folds are paired by seed folder and",
            "fold number (their fold.json splits must be identical), then the mean difference A - B",
            "of each fold's best accuracy, its 95%% bootstrap interval and the sign-flip p-value.",
            "SVM runs and test runs (folders with predictions.json): the same over test shapes (100 right,",
            "0 wrong), pooled over the seeds, with a line per seed."})
final class CompareCommand extends ReconCommand {

    @Option(names = "--a", split = ",", required = true, description = "Few-shot run folders of method A (one per seed).")
    List<Path> a;

    @Option(names = "--b", split = ",", required = true, description = "Few-shot run folders of method B, same seeds, same order.")
    List<Path> b;

    @Option(names = "--name-a", defaultValue = "A", description = "Label of method A (default ${DEFAULT-VALUE}).")
    String nameA;

    @Option(names = "--name-b", defaultValue = "B", description = "Label of method B (default ${DEFAULT-VALUE}).")
    String nameB;

    @Option(names = "--plot", paramLabel = "FILE.png", description = {"Also draw the paired folds: A against B, one point",
        "per fold coloured by seed, beside the diagonal A = B."})
    Path plot;

    @Option(names = {"--column", "--probe"}, paramLabel = "COLUMN", description = {"For runs with predictions.json: which",
        "column to compare: svm (official) or logistic for SVM runs, plain or vote (vote-2, ... for further",
        "passes) for test runs (default: the first, svm or plain)."})
    String column;

    @Mixin
    RunSeed seed = RunSeed.of("Seed of the bootstrap");

    @Override
    public Integer call() throws Exception {
        boolean perShape = ShapeComparison.hasPredictions(a.get(0));
        if (perShape != ShapeComparison.hasPredictions(b.get(0))) {
            throw new ParameterException(spec.commandLine(), "--a " + a.get(0) + (perShape ? " has" : " has no") + " predictions.json"
                    + " but --b " + b.get(0) + (perShape ? " has none" : " has") + ": compare few-shot runs with few-shot runs, SVM or"
                    + " test runs with their own kind");
        }
        if (perShape) {
            if (plot != null) {
                throw new ParameterException(spec.commandLine(), "--plot draws few-shot folds; " + a.get(0) + " is scored per test shape");
            }
            try {
                out().print(ShapeComparison.of(a, b, column, seed.seed).toText(nameA, nameB));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            out().flush();
            return 0;
        }
        FewShotComparison c = FewShotComparison.of(a, b, seed.seed);
        out().print(c.toText(nameA, nameB));
        if (plot != null) {
            PairedFoldsPlot.write(c, nameA, nameB, seedLabels(a), plot);
            out().println("plot: " + plot);
        }
        out().flush();
        return 0;
    }

    /** A seed is named by the folder holding its run (claims-s2/fs-5w-recon: claims-s2), else by the run's own name. */
    static List<String> seedLabels(List<Path> runs) {
        for (boolean parent : new boolean[] {true, false}) {
            List<String> names = runs.stream().map(p -> p.toAbsolutePath().normalize())
                    .map(p -> parent && p.getParent() != null ? p.getParent() : p)
                    .map(p -> p.getFileName() == null ? p.toString() : p.getFileName().toString()).toList();
            if (names.stream().distinct().count() == names.size()) {
                return names;
            }
        }
        return java.util.stream.IntStream.rangeClosed(1, runs.size()).mapToObj(i -> "seed " + i).toList();
    }
}
