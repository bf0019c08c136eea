package io.recon4j.cli;

import io.recon4j.model.HeadType;
import io.recon4j.train.FineTuneConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The fine-tuning options shared by {@code recon finetune} and {@code recon fewshot}; unset ones keep the recipe's value. */
final class FineTuneOptions {

    @Option(names = "--checkpoint", description = {"Weights to start from: recon4j pretrained.pth / ckpt-*.pth or an official",
        "checkpoint. Default: train from scratch."})
    Path checkpoint;

    @Option(names = "--head", defaultValue = "full",
            description = "Head: full (all trains), mlp3 or linear (only cls* parameters train); default ${DEFAULT-VALUE}.")
    String head;

    @Option(names = "--epochs", description = "Epochs (official: 300 ModelNet, 150 few-shot).")
    Integer epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (official 32; default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", description = {"Peak learning rate; cls* parameters get 10x (official ModelNet 1e-5 full,",
        "1e-4 mlp3/linear; few-shot 5e-4 full, 1e-3 mlp3/linear)."})
    Double lr;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up epochs (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--drop-path", description = "Drop-path rate (official 0.2 ModelNet, 0.1 few-shot).")
    Float dropPath;

    @Option(names = "--clip", defaultValue = "10", description = "Global gradient-norm clip, 0 for none (default ${DEFAULT-VALUE}).")
    double clip;

    @Mixin
    RunSeed runSeed;

    /** @return the recipe with every given option applied */
    FineTuneConfig apply(FineTuneConfig recipe) {
        InputFiles.checkpoint(checkpoint);
        FineTuneConfig c = recipe.withCheckpoint(checkpoint == null ? null : checkpoint.toString());
        if (dropPath != null) {
            c = c.withModel(c.model().withDropPath(dropPath));
        }
        c = c.with(epochs != null ? epochs : c.epochs(), batchSize, warmup, runSeed.seed);
        return c.withOptimizer(lr != null ? lr : c.lr(), clip);
    }

    /** @return the head type */
    HeadType headType() {
        return HeadType.parse(head);
    }

    /** @return a warning line when the schedule cannot leave its warm-up ramp, else null */
    static String scheduleWarning(FineTuneConfig c) {
        if (c.warmupEpochs() >= c.epochs()) {
            return String.format(java.util.Locale.ROOT, "warning: --warmup %d >= --epochs %d: the learning rate stays on the "
                    + "warm-up ramp from %.0e (lower --warmup for short runs)", c.warmupEpochs(), c.epochs(), c.warmupLrInit());
        }
        return null;
    }
}
