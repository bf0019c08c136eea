package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.train.FineTuneConfig;
import io.recon4j.train.FineTuning;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code recon finetune}: supervised fine-tuning with the official ModelNet recipe. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"Fine-tune a classifier with the official ModelNet recipe (AdamW wd 0.05, 10x lr for cls* parameters,",
            "drop path 0.2, clip 10, cosine with warm-up; FPS pool + random subset + scale/translate). Validates on the",
            "test split every epoch (as the official code: there is no separate validation split) and keeps ckpt-best.pth",
            "by overall accuracy. Writes metrics.jsonl, loss.png, accuracy.png, confusion.png and per-class.md."})
final class FinetuneCommand extends ReconCommand {

    @Mixin
    FineTuneOptions tune;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = out();
        FineTuneOptions.Start start = tune.start(FineTuneConfig::modelNet, runOptions, "finetune");
        FineTuneConfig cfg = start.config();
        RunFolder run = start.run();
        pw.printf(Locale.ROOT, "finetune (%s head, %s) on %s (%d shapes), validating on %s (%d shapes), %d classes: %d epochs, "
                        + "batch %d, lr %.2e (cls* x%.0f), drop path %.2f, %d points, run folder %s%n",
                cfg.head().name().toLowerCase(Locale.ROOT), cfg.checkpoint() == null ? "from scratch" : "from " + cfg.checkpoint(),
                start.train().name(), start.train().size(), start.test().name(), start.test().size(),
                start.train().classNames().size(), cfg.epochs(), cfg.batchSize(), cfg.lr(), cfg.headLrScale(), cfg.model().dropPath(), cfg.model().numPoints(), run.dir());
        FineTuneOptions.warnSchedule(cfg, pw);
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            FineTuning.Outcome o = FineTuning.run(cfg, start.train(), start.test(), run, runOptions.resume, m, outLines());
            var r = o.training();
            pw.println(RunOptions.ended(r, run));
            if (o.best() != null) {
                pw.printf(Locale.ROOT, "best (selected on the test split, no voting): OA %.2f %%, mAcc %.2f %% at epoch %d -> %s%n",
                        o.best().accuracy(), o.best().meanClassAccuracy(), o.bestEpoch() + 1, run.resolve("ckpt-best.pth"));
                pw.println("reports: " + run.resolve("per-class.md") + ", " + run.resolve("confusion.png") + ", "
                        + run.resolve("accuracy.png"));
            }
        }
        pw.flush();
        return 0;
    }
}
