package io.recon4j.cli;

import io.recon4j.protocol.Quickstart;
import io.recon4j.report.QuickstartReport;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon quickstart}: runs {@link Quickstart} (the papers' claims at a budget of minutes) and prints its report. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"The papers' claims at a budget of minutes, with no download, on the embedded procedural dataset:",
            "ReCon-Nano (MiniLM text teacher) and Point-MAE† pretrained on 8 seen classes; on the 8 unseen classes,",
            "5-way 10-shot and linear probes on frozen features (each beside a random-init encoder, over many folds)",
            "and zero-shot by text (beside chance); one verdict per claim. Prints the table and writes report.md and",
            "report.html (interactive: the table, loss and per-fold charts, 3D viewers with zero-shot and attention).",
            "The defaults are sized to finish in under 10 minutes on 2 idle cores."})
final class QuickstartCommand extends ReconCommand {

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data, the pretraining and the folds (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-per-class", defaultValue = "60", description = "Training shapes per class (default ${DEFAULT-VALUE}).")
    int trainPerClass;

    @Option(names = "--test-per-class", defaultValue = "20", description = "Test shapes per class (default ${DEFAULT-VALUE}).")
    int testPerClass;

    @Option(names = "--pretrain-epochs", defaultValue = "10", description = "Pretraining epochs of each encoder (default ${DEFAULT-VALUE}).")
    int pretrainEpochs;

    @Option(names = "--no-point-mae", description = "Skip the Point-MAE† baseline (halves the pretraining time).")
    boolean noPointMae;

    @Option(names = "--folds", defaultValue = "30", description = "Few-shot folds, the same for every encoder (default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--way", defaultValue = "5", description = "Few-shot classes per fold, of the 8 unseen (default ${DEFAULT-VALUE}).")
    int way;

    @Option(names = "--shot", defaultValue = "10", description = "Few-shot support shapes per class (default ${DEFAULT-VALUE}).")
    int shot;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak pretraining learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--runs", defaultValue = "runs", description = "Parent folder of the run folder (default ${DEFAULT-VALUE}).")
    Path runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Quickstart.Options options = Quickstart.Options.builder().optSeed(seed).optCounts(trainPerClass, testPerClass)
                .optPretrainEpochs(pretrainEpochs).optPointMae(!noPointMae).optFewShot(folds, way, shot).optLr(lr)
                .optCacheDir(runs.resolve("feature-cache")).optProgress(line -> {
                    out.println(line);
                    out.flush();
                }).build();
        RunFolder run = RunFolder.create(runs, "quickstart");
        out.println("recon quickstart: run folder " + run.dir());
        Quickstart.Result result = Quickstart.run(options, run.dir());
        String markdown = result.toMarkdown();
        out.println();
        out.println(markdown);
        out.println("report: " + run.writeText("report.md", markdown));
        out.println("interactive report: " + QuickstartReport.write(result, run.dir()));
        out.flush();
        return 0;
    }
}
