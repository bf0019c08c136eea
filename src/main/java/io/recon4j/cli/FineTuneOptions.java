package io.recon4j.cli;

import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.model.HeadType;
import io.recon4j.model.ReconConfig;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.BiFunction;
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

    @Mixin
    Schedule schedule = new Schedule().note("--epochs", null, "official: 300 ModelNet, 150 few-shot")
            .note("--batch-size", "32", "official 32").note("--warmup", "10", null).sentence("--lr", null, "Peak learning "
                    + "rate; cls* parameters get 10x (official ModelNet 1e-5 full, 1e-4 mlp3/linear; few-shot 5e-4 full, 1e-3 mlp3/linear)");

    @Option(names = "--drop-path", description = "Drop-path rate (official 0.2 ModelNet, 0.1 few-shot).")
    Float dropPath;

    @Option(names = "--clip", defaultValue = "10", description = "Global gradient-norm clip, 0 for none (default ${DEFAULT-VALUE}).")
    double clip;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    /** A fine-tuning command's start: the recipe with every option applied, both splits, and the run folder. */
    record Start(FineTuneConfig config, PointCloudDataset train, PointCloudDataset test, RunFolder run) {
    }

    /** @return the recipe for this model and head with every option and the run's seed applied, both splits, the folder */
    Start start(BiFunction<ReconConfig, HeadType, FineTuneConfig> recipeOf, RunOptions run, String job) throws IOException {
        FineTuneConfig c = apply(recipeOf, run.seed());
        return new Start(c, data.load(Split.TRAIN), data.load(Split.TEST), run.folder(job));
    }

    /** @return the recipe for this model and head with every given option applied, and {@code seed} */
    FineTuneConfig apply(BiFunction<ReconConfig, HeadType, FineTuneConfig> recipeOf, long seed) {
        FineTuneConfig recipe = recipeOf.apply(model.config(), HeadType.parse(head));
        InputFiles.checkpoint(checkpoint);
        FineTuneConfig c = recipe.withCheckpoint(checkpoint == null ? null : checkpoint.toString());
        if (dropPath != null) {
            c = c.withModel(c.model().withDropPath(dropPath));
        }
        c = c.with(schedule.epochs != null ? schedule.epochs : c.epochs(), schedule.batchSize(), schedule.warmup, seed);
        return c.withOptimizer(schedule.lr != null ? schedule.lr : c.lr(), clip);
    }

    /** Prints a warning line when the schedule cannot leave its warm-up ramp. */
    static void warnSchedule(FineTuneConfig c, PrintWriter pw) {
        if (c.warmupEpochs() >= c.epochs()) {
            pw.printf(java.util.Locale.ROOT, "warning: --warmup %d >= --epochs %d: the learning rate stays on the "
                    + "warm-up ramp from %.0e (lower --warmup for short runs)%n", c.warmupEpochs(), c.epochs(), c.warmupLrInit());
        }
        pw.flush();
    }
}
