package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.data.Transforms;
import io.recon4j.eval.CloudFunction;
import io.recon4j.eval.ConfusionImage;
import io.recon4j.eval.Evaluation;
import io.recon4j.eval.Evaluator;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.eval.Voting;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon test}: a fine-tuned classifier on the test split, plain and with voting. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Evaluate a fine-tuned classifier on the test split: once with plain FPS, then with voting (each pass",
            "classifies every sample --votes times through the ModelNet vote transform: FPS pool, random subset, random",
            "scale; logits averaged). Each pass is reported as it is. The official 'best of 299 passes' number is only",
            "computed with --official-best-of and is labelled as such. Writes test.md and confusion.png."})
final class TestCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "Fine-tuned weights (recon4j ckpt-best.pth or official).")
    Path checkpoint;

    @Option(names = "--head", defaultValue = "full", description = "Head type of the checkpoint: full, mlp3 or linear.")
    String head;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--votes", defaultValue = "10", description = "Views averaged per sample in a voting pass (official 10).")
    int votes;

    @Option(names = "--passes", defaultValue = "1", description = "Independent voting passes, each reported (default ${DEFAULT-VALUE}); 0 skips voting.")
    int passes;

    @Option(names = "--official-best-of", paramLabel = "N", description = {"Also run the official protocol: N voting passes and",
        "report the MAXIMUM accuracy (official N = 299). Optimistic: selected on the test set."})
    Integer officialBestOf;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the voting draws (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Output folder (default: runs/test-<time>).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        if (passes < 0 || (officialBestOf != null && officialBestOf <= 0)) {
            throw new IllegalArgumentException("--passes must be >= 0 and --official-best-of > 0");
        }
        ReconConfig c = model.config();
        PointCloudDataset test = data.load(Split.TEST);
        RunFolder run = RunOptions.folder(out, "test");
        int n = c.numPoints();
        pw.printf(Locale.ROOT, "test %s on %s (%d shapes, %d classes), %d points, run folder %s%n", checkpoint, test.name(),
                test.size(), test.classNames().size(), n, run.dir());
        StringBuilder report = new StringBuilder("# Test\n\nCheckpoint `" + checkpoint + "` on " + test.name() + ".\n\n");
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            ReconClassifier net = Classifiers.load(c, test.classNames().size(), HeadType.parse(head), checkpoint, true, m, pw);
            CloudFunction logits = new ModelClassifier(net, m).logits();
            Evaluation plain = Evaluator.evaluate(logits, test, DatasetPipelines.modelNetTest(n), batchSize, seed, "test");
            String line = String.format(Locale.ROOT, "plain test (FPS to %d, no voting): OA %.2f %%, mAcc %.2f %%, loss %.4f", n,
                    plain.accuracy(), plain.meanClassAccuracy(), plain.loss());
            pw.println(line);
            pw.flush();
            report.append(line).append("\n\n");
            ConfusionImage.write(plain.matrix(), String.format(Locale.ROOT, "%s, plain test: OA %.2f %%, mAcc %.2f %%", test.name(),
                    plain.accuracy(), plain.meanClassAccuracy()), run.resolve("confusion.png"));
            var vote = DatasetPipelines.modelNetVote(Transforms.fpsPoolSizeOrScaled(n), n);
            Voting.Options vo = new Voting.Options(votes, batchSize, seed);
            if (passes > 0) {
                Voting.Result r = Voting.run(logits, test, vote, vo, passes, p -> {
                    pw.printf(Locale.ROOT, "voting pass %d/%d (%d votes): OA %.2f %%, mAcc %.2f %%%n", p.index() + 1, passes, votes,
                            p.evaluation().accuracy(), p.evaluation().meanClassAccuracy());
                    pw.flush();
                });
                pw.println(r.describe());
                report.append(r.describe()).append("\n\n");
            }
            if (officialBestOf != null) {
                // Distinct draws from the honest passes above.
                Voting.Options bo = new Voting.Options(votes, batchSize, seed ^ 0x4245535446L);
                double[] max = {Double.NEGATIVE_INFINITY};
                Voting.Result r = Voting.officialBestOf(logits, test, vote, bo, officialBestOf, p -> {
                    max[0] = Math.max(max[0], p.evaluation().accuracy());
                    pw.printf(Locale.ROOT, "[official best-of] pass %d/%d: OA %.2f %%, max so far %.2f %%%n", p.index() + 1,
                            officialBestOf, p.evaluation().accuracy(), max[0]);
                    pw.flush();
                });
                pw.println(r.describe());
                report.append(r.describe()).append("\n\n");
            }
            report.append("## Per class (plain test)\n\n").append(plain.matrix().toMarkdown());
            run.writeText("test.md", report.toString());
            pw.println("report: " + run.resolve("test.md") + ", " + run.resolve("confusion.png"));
        }
        pw.flush();
        return 0;
    }
}
