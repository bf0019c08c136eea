package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Split;
import io.recon4j.model.Masking;
import io.recon4j.train.PretrainConfig;
import io.recon4j.train.Pretraining;
import io.recon4j.train.TrainingLoop;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon pretrain}: masked point pretraining (Point-MAE† until the teachers land). */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Masked point pretraining with the official recipe (AdamW, per-epoch cosine with warm-up,",
            "random y-rotation, rand masking 0.6). Writes ckpt-last.pth every epoch, metrics.jsonl, loss.png and",
            "pretrained.pth into the run folder; --resume continues exactly where a run stopped (also after Ctrl-C)."})
final class PretrainCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Option(names = "--epochs", defaultValue = "300", description = "Epochs (official: 300; default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Batch size (official: 128; default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak learning rate (ReCon 5e-4, Point-MAE 1e-3; default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up epochs (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clip", defaultValue = "0", description = "Global gradient-norm clip, 0 for none (official: none).")
    double clip;

    @Option(names = "--mask", defaultValue = "rand", description = "Masking: rand or block (default ${DEFAULT-VALUE}).")
    String mask;

    @Option(names = "--seed", defaultValue = "0", description = "Run seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Run folder (default: runs/pretrain-<time>). Required with --resume.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its ckpt-last.pth.")
    boolean resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        if (resume && (out == null || !Files.exists(out.resolve("ckpt-last.pth")))) {
            throw new IllegalArgumentException("--resume needs --out pointing at a run folder with ckpt-last.pth");
        }
        RunFolder run = out != null ? RunFolder.at(out) : RunFolder.create(Path.of("runs"), "pretrain");
        PretrainConfig cfg = new PretrainConfig(model.config(), 0, 0, Masking.parse(mask), epochs, batchSize, lr, 0.05f,
                warmup, 1e-6, 1e-6, clip, seed);
        PointCloudDataset train = data.load(Split.TRAIN);
        pw.printf(Locale.ROOT, "pretrain (Point-MAE†: reconstruction only) on %s: %d shapes, %d epochs, batch %d, run folder %s%n",
                train.name(), train.size(), epochs, batchSize, run.dir());
        pw.flush();
        try (NDManager m = NDManager.newBaseManager(Devices.best())) {
            TrainingLoop.Result r = Pretraining.run(cfg, train, run, resume, m);
            pw.printf(Locale.ROOT, "%s: %d epochs this run, %d steps in all, last epoch loss %.5f, %.0f s%n",
                    r.completed() ? "done" : "stopped (resume with --resume --out " + run.dir() + ")",
                    r.epochsRun(), r.globalStep(), r.lastLoss(), r.seconds());
            pw.println("checkpoint: " + run.resolve("ckpt-last.pth") + ", weights: " + run.resolve("pretrained.pth"));
        }
        pw.flush();
        return 0;
    }
}
