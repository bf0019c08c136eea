package io.recon4j.cli;

import io.recon4j.protocol.DataScaling;
import io.recon4j.report.DataScalingPlot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon scaling}: the data-scaling table and figure (ReCon paper, Figure 1a) from finished runs. */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = {"The data-scaling analysis from finished runs: for each pretraining fraction's run folder",
            "(svm-METHOD/svm.md, fs-Ww-METHOD folds, as scripts/claims-modelnet10.sh writes them) the SVM, logistic",
            "probe and few-shot accuracy of each method, then paired comparisons over the same folds (and per test",
            "shape for the probes): A - B at each fraction, each method's gain from the smallest to the largest",
            "fraction, and the difference of gains; with --baseline, each method at each fraction against no pretraining."})
final class ScalingCommand extends ReconCommand {

    @Option(names = "--point", required = true, paramLabel = "FRACTION=DIR[,DIR...]",
            description = {"A pretraining fraction in (0, 1] and its run folder; repeat for each fraction",
                "(e.g. --point 0.25=runs/data-scaling-s2/fraction-0.25 --point 1=runs/claims-s2). Several folders, one per",
                "pretraining seed in the same order at every fraction, pool the seeds: folds and shapes pair within a seed."})
    Map<String, String> points = new LinkedHashMap<>();

    @Option(names = "--methods", split = ",", defaultValue = "mpm,cmc,recon",
            description = "Methods (run-folder suffixes), in display order (default ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--baseline", paramLabel = "METHOD=DIR[,DIR...]",
            description = {"A row without pretraining and the run folder holding it (e.g. scratch=runs/claims-s2; one per",
                "seed as in --point): a line in the table and the plot, and every method at every fraction paired against it."})
    Map<String, String> baseline = new LinkedHashMap<>();

    @Option(names = "--way", defaultValue = "5", description = "N of the N-way few-shot runs to read (default ${DEFAULT-VALUE}).")
    int way;

    @Option(names = "--folds", paramLabel = "N", defaultValue = "0",
            description = {"Read only few-shot folds 1..N of every run (default: every finished fold), so that a point",
                "with ten folds is averaged over the same splits as one with five."})
    int folds;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw accuracy against the fraction, one line per method: "
            + "few-shot (mean ± 95%% CI of the folds), linear SVM and logistic probe side by side.")
    Path plot;

    @Mixin
    RunSeed seed = RunSeed.of("Seed of the bootstrap intervals");

    @Override
    public Integer call() throws Exception {
        Map<Double, List<Path>> folders = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : points.entrySet()) {
            double f;
            try {
                f = Double.parseDouble(e.getKey());
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("--point " + e.getKey() + "=" + e.getValue()
                        + ": the fraction must be a number in (0, 1], e.g. 0.25");
            }
            if (folders.put(f, paths(e.getValue())) != null) {
                throw new IllegalArgumentException("--point: fraction " + f + " is given twice");
            }
        }
        if (baseline.size() > 1) {
            throw new IllegalArgumentException("--baseline: give one baseline, not " + baseline.keySet());
        }
        DataScaling s = DataScaling.readSeeds(folders, methods, way, folds, seed.seed);
        for (Map.Entry<String, String> b : baseline.entrySet()) {
            s = s.withBaseline(b.getKey(), paths(b.getValue()));
        }
        out().print(s.toMarkdown());
        if (plot != null) {
            DataScalingPlot.write(s, plot);
            out().println("plot: " + plot);
        }
        out().flush();
        return 0;
    }

    private static List<Path> paths(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Path::of).toList();
    }
}
