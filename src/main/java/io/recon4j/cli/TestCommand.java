package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.ReconCheckpoint;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.eval.ModelClassifier;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.protocol.TestPredictions;
import io.recon4j.protocol.VotingTest;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon test}: a fine-tuned classifier on the test split, plain and with voting. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Evaluate a fine-tuned classifier on the test split: once with plain FPS, then with voting (each pass",
            "classifies every sample --votes times through the ModelNet vote transform: FPS pool, random subset, random",
            "scale; logits averaged). Each pass is reported as it is. The official 'best of 299 passes' number is only",
            "computed with --official-best-of and is labelled as such. Writes test.md, confusion.png and predictions.json",
            "(each test shape's label and its prediction by the plain and each voting pass, for recon compare)."})
final class TestCommand extends ReconCommand {

    @Option(names = "--checkpoint", required = true, description = "Fine-tuned weights (recon4j ckpt-best.pth or official).")
    Path checkpoint;

    @Option(names = "--head", defaultValue = "full", description = "Head type of the checkpoint: full, mlp3 or linear.")
    String head;

    @Mixin
    CheckpointLoading model;

    @Mixin
    DataOptions data;

    @Mixin
    BatchSize batch = BatchSize.of("32");

    @Option(names = "--votes", defaultValue = "10", description = "Views averaged per sample in a voting pass (official 10).")
    int votes;

    @Option(names = "--passes", defaultValue = "1", description = "Independent voting passes, each reported (default ${DEFAULT-VALUE}); 0 skips voting.")
    int passes;

    @Option(names = "--official-best-of", paramLabel = "N", description = {"Also run the official protocol: N voting passes and",
        "report the MAXIMUM accuracy (official N = 299). Optimistic: selected on the test set."})
    Integer officialBestOf;

    @Mixin
    RunSeed seed = RunSeed.of("Seed of the voting draws");

    @Mixin
    OutFolder out = OutFolder.described("Output folder (default: runs/test-<time>)");

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        VotingTest.Options options = new VotingTest.Options(votes, passes, officialBestOf, batch.batchSize, seed.seed, outLines());
        InputFiles.checkpoint(checkpoint);
        PointCloudDataset test = data.load(Split.TEST);
        ReconCheckpoint ckpt = model.read(checkpoint, "--checkpoint", model.options().head(HeadType.parse(head))
                .classNames(test.classNames()).build());
        CheckpointLoading.requireHead(ckpt, "fine-tune it first with recon finetune");
        ReconConfig c = ckpt.card().config();
        RunFolder run = out.folder("test");
        pw.printf(Locale.ROOT, "test %s on %s (%d shapes, %d classes), %d points, run folder %s%n", checkpoint, test.name(),
                test.size(), test.classNames().size(), c.numPoints(), run.dir());
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            ReconClassifier net = CheckpointLoading.classifier(ckpt, m, pw);
            VotingTest.Result r = VotingTest.run(new ModelClassifier(net, m).logits(), test, c.numPoints(), checkpoint.toString(),
                    options);
            r.writeConfusion(run.resolve("confusion.png"));
            r.predictions().write(run.resolve(TestPredictions.FILE)); // before test.md, which marks the run finished
            run.writeText("test.md", r.toMarkdown());
            pw.println("report: " + run.resolve("test.md") + ", " + run.resolve("confusion.png"));
        }
        pw.flush();
        return 0;
    }
}
