package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.protocol.FewShotRunner;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon fewshot}: N-way K-shot folds, one fine-tuning per fold, mean ± std of the folds' best accuracies. */
@Command(name = "fewshot", mixinStandardHelpOptions = true,
        description = {"Few-shot protocol: draw --folds N-way K-shot folds (support from the train split, 20 queries per",
            "class from the test split, as Point-BERT), fine-tune each from the same weights with the official few-shot",
            "recipe (lr 5e-4, 150 epochs, warm-up 10, drop path 0.1), report mean +- std over folds of each fold's best",
            "test accuracy. Writes fold-<k>/ per fold and fewshot.md."})
final class FewshotCommand extends ReconCommand {

    @Mixin
    FineTuneOptions tune;

    @Option(names = "--way", defaultValue = "5", description = "Classes per fold N (official 5 or 10; default ${DEFAULT-VALUE}).")
    int way;

    @Option(names = "--shot", defaultValue = "10", description = "Support samples per class K (official 10 or 20; default ${DEFAULT-VALUE}).")
    int shot;

    @Option(names = "--folds", defaultValue = "10", description = "Folds (official 10; default ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--split-seed", defaultValue = "0", description = "Seed of the fold generation (default ${DEFAULT-VALUE}).")
    long splitSeed;

    @Option(names = "--checkpoint-every", defaultValue = "10", description = "A fold writes ckpt-last.pth every N epochs and "
            + "after its last; a kill replays at most N-1 epochs, with the same result (default ${DEFAULT-VALUE}; 1 = every epoch).")
    int checkpointEvery;

    @Mixin
    RunOptions runOptions = RunOptions.resumable("fewshot", "fold-0",
            "Continue the run in --out: reuse its splits, skip finished folds");

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        FineTuneOptions.Start start = tune.start(FineTuneConfig::fewShot, runOptions, "fewshot");
        FineTuneConfig cfg = start.config();
        RunFolder run = start.run();
        pw.printf(Locale.ROOT, "fewshot %d-way %d-shot, %d folds from %s / %s (%s head, %s): %d epochs per fold, batch %d, "
                        + "lr %.2e, drop path %.2f, run folder %s%n", way, shot, folds, start.train().name(), start.test().name(),
                cfg.head().name().toLowerCase(Locale.ROOT), cfg.checkpoint() == null ? "from scratch" : "from " + cfg.checkpoint(),
                cfg.epochs(), cfg.batchSize(), cfg.lr(), cfg.model().dropPath(), run.dir());
        FineTuneOptions.warnSchedule(cfg, pw);
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            FewShotRunner.Result r = FewShotRunner.run(cfg, start.train(), start.test(),
                    FewShotRunner.Options.official(way, shot, folds, splitSeed).withCheckpointEvery(checkpointEvery), run, runOptions.resume, m, outLines());
            pw.println(r.completed() ? r.describe() : "stopped after " + r.folds().size() + " folds (resume with --resume --out "
                    + run.dir() + "); so far: " + r.describe());
            pw.println("report: " + run.resolve("fewshot.md"));
        }
        pw.flush();
        return 0;
    }
}
