package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.analysis.AttentionDistanceReport;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.model.ReconConfig;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon analyze attention-distance}. */
@Command(name = "attention-distance", mixinStandardHelpOptions = true,
        description = {"3D average attention distance per layer and head: for each local token, the",
            "attention-weighted mean distance from its patch centre to the centres it attends to;",
            "for each global query, the spread of the centres it reads. Several checkpoints give",
            "one line each in the figure. Writes attention-distance.csv, .md and .png."})
final class AttentionDistanceCommand extends ReconCommand {

    @Mixin
    AttentionDistanceOptions what;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        List<String> labels = what.labels();
        ReconConfig cfg = model.config();
        PointCloudDataset test = data.load(Split.TEST);
        RunFolder run = what.out.folder("attention-distance");
        AttentionDistanceReport report = new AttentionDistanceReport();
        List<Path> models = new ArrayList<>(what.checkpoints);
        if (what.withRandomInit) {
            models.add(null);
        }
        for (int i = 0; i < models.size(); i++) {
            Path p = models.get(i);
            try (NDManager m = NDManager.newBaseManager(Devices.best())) {
                // A null checkpoint is the random-init baseline, drawn from seed 0.
                report.measure(labels.get(i), Classifiers.encoder(cfg, test.classNames().size(), p, 0, m,
                        new PrintWriter(new StringWriter())), m, test, what.samples, what.batch.batchSize);
            }
            if (p != null) {
                out().printf(Locale.ROOT, "%s: measured %s (%s) on %d %s shapes%n", labels.get(i), p, "attention-distance",
                        Math.min(what.samples, test.size()), test.name());
                out().flush();
            }
        }
        report.writeTo(run);
        out().print(report.toMarkdown());
        out().println("report: " + run.resolve("attention-distance.md") + ", figure: " + run.resolve("attention-distance.png"));
        out().flush();
        return 0;
    }
}
