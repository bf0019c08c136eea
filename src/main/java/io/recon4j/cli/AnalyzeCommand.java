package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.analysis.AttentionDistanceReport;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon analyze ...}: the ReCon paper's analyses of trained point-cloud models. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of trained ReCon models (the paper's figures).",
        subcommands = {AnalyzeCommand.AttentionDistance.class, AttentionMapCommand.class})
final class AnalyzeCommand extends GroupCommand {

    /** {@code recon analyze attention-distance}. */
    @Command(name = "attention-distance", mixinStandardHelpOptions = true,
            description = {"3D average attention distance per layer and head: for each local token, the",
                "attention-weighted mean distance from its patch centre to the centres it attends to;",
                "for each global query, the spread of the centres it reads. Several checkpoints give",
                "one line each in the figure. Writes attention-distance.csv, .md and .png."})
    static final class AttentionDistance extends ReconCommand {

        @Option(names = "--checkpoint", split = ",", required = true,
                description = "Pretrained or fine-tuned checkpoints (any --method), compared on the same shapes.")
        List<Path> checkpoints;

        @Option(names = "--with-random-init", description = "Add a randomly initialised ReCon model (seed 0) as a baseline line.")
        boolean withRandomInit;

        @Option(names = "--label", split = ",", description = "A name per checkpoint (default: the file's folder).")
        List<String> labels;

        @Option(names = "--samples", defaultValue = "64", description = "Test shapes to average over (default ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--batch-size", defaultValue = "16", description = "Shapes per forward pass (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--out", description = "Output folder (default: runs/attention-distance-<time>).")
        Path out;

        @Mixin
        ModelOptions model;

        @Mixin
        DataOptions data;

        @Override
        public Integer call() throws Exception {
            if (samples < 1 || batchSize < 1) {
                throw new IllegalArgumentException("--samples and --batch-size must be at least 1");
            }
            if (labels != null && labels.size() != checkpoints.size()) {
                throw new IllegalArgumentException("--label has " + labels.size() + " names for " + checkpoints.size()
                        + " checkpoints");
            }
            checkpoints.forEach(InputFiles::checkpoint);
            PrintWriter pw = out();
            ReconConfig cfg = model.config();
            PointCloudDataset test = data.load(Split.TEST);
            RunFolder run = RunOptions.folder(out, "attention-distance");
            AttentionDistanceReport report = new AttentionDistanceReport();
            for (int i = 0; i < checkpoints.size(); i++) {
                Path p = checkpoints.get(i);
                String label = labels != null ? labels.get(i) : p.toAbsolutePath().getParent().getFileName().toString();
                try (NDManager m = NDManager.newBaseManager(Devices.best())) {
                    ReconClassifier net = Classifiers.load(cfg, test.classNames().size(), HeadType.FULL, p, false, m,
                            new PrintWriter(new StringWriter()));
                    report.measure(label, net, m, test, samples, batchSize);
                }
                pw.printf(Locale.ROOT, "%s: measured %s (%s) on %d %s shapes%n", label, p, "attention-distance",
                        Math.min(samples, test.size()), test.name());
                pw.flush();
            }
            if (withRandomInit) {
                try (NDManager m = NDManager.newBaseManager(Devices.best())) {
                    ai.djl.engine.Engine.getInstance().setRandomSeed(0);
                    ReconClassifier net = ReconClassifier.builder(cfg).setClasses(test.classNames().size()).build();
                    net.initialize(m);
                    report.measure("random init", net, m, test, samples, batchSize);
                }
            }
            run.writeText("attention-distance.csv", report.toCsv());
            run.writeText("attention-distance.md", toMarkdown(report));
            report.writePng(run.resolve("attention-distance.png"));
            pw.print(toMarkdown(report));
            pw.println("report: " + run.resolve("attention-distance.md") + ", figure: " + run.resolve("attention-distance.png"));
            pw.flush();
            return 0;
        }

        private static String toMarkdown(AttentionDistanceReport report) {
            StringBuilder sb = new StringBuilder("| model | module | layer | local tokens | global queries |\n|---|---|---:|---:|---:|\n");
            for (AttentionDistanceReport.Row r : report.rows()) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", r.model(), r.site().path(), r.site().layer() + 1,
                        fmt(r.localMean()), fmt(r.queryMean())));
            }
            return sb.toString();
        }

        private static String fmt(double v) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
        }
    }
}
