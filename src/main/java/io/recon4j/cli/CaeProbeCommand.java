package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeConfig;
import io.recon4j.cae.CaeEncoder;
import io.recon4j.image.FashionMnist;
import io.recon4j.image.ImageDataset;
import io.recon4j.probe.AttentiveProbe;
import io.recon4j.probe.FrozenEncoder;
import io.recon4j.probe.LinearProbe;
import io.recon4j.probe.PixelEncoder;
import io.recon4j.probe.ProbeCheckpoint;
import io.recon4j.probe.ProbeHead;
import io.recon4j.probe.ProbeTrainer;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon cae probe}: linear or attentive probing of a frozen encoder on Fashion-MNIST, or the raw-pixel baseline. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Probe a frozen encoder on Fashion-MNIST (CAE protocols, spec 4.4). The encoder's",
            "features of both splits are computed once and cached; then only the head trains,",
            "and the test split is classified after every epoch. Modes:",
            "  linear     BatchNorm (no affine) + Linear on the cls token, LARS (MAE protocol)",
            "  attentive  learned query + one cross-attention block over all tokens",
            "             + BatchNorm + Linear, SGD",
            "  pixels     the linear probe on raw normalised pixels (baseline; no encoder)",
            "Writes metrics.jsonl, accuracy.png, summary.md and probe.pth (the trained head,",
            "for `recon cae analyze attention --probe`) into the run folder."})
final class CaeProbeCommand extends ReconCommand {

    /** What is probed. */
    enum Mode { LINEAR, ATTENTIVE, PIXELS }

    @Option(names = "--mode", required = true, description = "linear, attentive or pixels.")
    String mode;

    @Option(names = "--data", description = "Folder of the four Fashion-MNIST IDX files, plain or .gz (default: ${DEFAULT-VALUE}).",
            defaultValue = "/usr/share/datasets/fashion-mnist")
    Path data;

    @Option(names = "--checkpoint", description = "CAE encoder weights to probe (linear and attentive modes).")
    Path checkpoint;

    @Option(names = "--random-init", description = "Probe a randomly initialised CAE encoder instead (the baseline).")
    boolean randomInit;

    @Option(names = "--size", defaultValue = "tiny", description = {"Size of the --random-init encoder: tiny, nano or base",
        "(default ${DEFAULT-VALUE}; a checkpoint names its own)."})
    String size;

    @Option(names = "--epochs", description = "Head training epochs (default 10).")
    Integer epochs;

    @Option(names = "--warmup-epochs", description = "Linear warm-up epochs (default 1).")
    Integer warmupEpochs;

    @Option(names = "--batch-size", description = "Head batch size (default: 1024 linear/pixels, 256 attentive).")
    Integer batchSize;

    @Option(names = "--lr", description = "Peak learning rate, absolute (default: 4 with LARS for linear/pixels, 0.1 with SGD for attentive).")
    Double lr;

    @Option(names = "--limit-train", description = "Train on the first N training images only (default: all 60,000).")
    Integer limitTrain;

    @Option(names = "--limit-test", description = "Test on the first N test images only (default: all 10,000; for smoke runs).")
    Integer limitTest;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the encoder's and head's init and of shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Run folder (default: runs/cae-probe-<mode>-<time>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        PrintWriter pw = out();
        Mode m = parseMode(mode);
        checkEncoderOptions(m);
        if (limitTrain != null && limitTrain <= 0 || limitTest != null && limitTest <= 0) {
            throw new IllegalArgumentException("--limit-train and --limit-test must be > 0, got " + limitTrain + " and "
                    + limitTest);
        }
        ProbeTrainer.Options options = options(m);
        try (NDManager manager = NDManager.newBaseManager(Devices.best())) {
            FrozenEncoder encoder = m == Mode.PIXELS ? null : encoder(checkpoint, randomInit ? CaeConfig.of(size) : null, seed, manager);
            ImageDataset train = FashionMnist.train(data);
            ImageDataset test = FashionMnist.test(data);
            if (limitTrain != null) {
                train = train.head(limitTrain);
            }
            if (limitTest != null) {
                test = test.head(limitTest);
            }
            if (encoder == null) {
                encoder = new PixelEncoder(train.channels(), train.height(), train.width());
            }
            int classes = train.classNames().size();
            ProbeHead head = m == Mode.ATTENTIVE
                    ? new AttentiveProbe(encoder.dim(), encoder.heads(), classes)
                    : new LinearProbe(encoder.dim(), classes);
            String job = "cae-probe-" + m.name().toLowerCase(Locale.ROOT);
            RunFolder run = RunOptions.folder(out, job);
            pw.printf(Locale.ROOT, "cae probe --mode %s: encoder %s; %s; train %s (%d images), test %s (%d images); "
                            + "%d epochs (%d warm-up), batch %d, lr %.3g; run folder %s%n",
                    m.name().toLowerCase(Locale.ROOT), encoder.identity(), head.describe(), train.name(), train.size(),
                    test.name(), test.size(), options.epochs(), options.warmupEpochs(), options.batchSize(), options.lr(),
                    run.dir());
            pw.flush();
            ProbeTrainer.Result r = ProbeTrainer.run(encoder, head, train, test, options, run, manager, line -> {
                pw.println(line);
                pw.flush();
            });
            double seconds = (System.nanoTime() - t0) / 1e9;
            String result = String.format(Locale.ROOT, "test accuracy %.2f %% after the last epoch (best epoch %.2f %%); "
                    + "features %.1f s, head %.1f s, wall time %.1f s", r.finalAccuracy(), r.bestAccuracy(), r.encodeSeconds(),
                    r.trainSeconds(), seconds);
            pw.println(result);
            run.writeText("summary.md", summary(m, encoder, head, train, test, options, result));
            ProbeCheckpoint.save(head, new ProbeCheckpoint(m.name().toLowerCase(Locale.ROOT), encoder.dim(), encoder.heads(),
                    classes, encoder.identity()), run.resolve("probe.pth"));
            pw.println("report: " + run.resolve("summary.md") + ", " + run.resolve("accuracy.png") + "; head weights: "
                    + run.resolve("probe.pth"));
        }
        pw.flush();
        return 0;
    }

    /**
     * The CAE encoder to probe: the encoder of a {@code recon cae pretrain} checkpoint (its architecture read from
     * the file), or a seeded random initialisation of a size (the official init, as before pretraining).
     *
     * @param checkpoint weights to load, or null for a random initialisation
     * @param randomInit the architecture to initialise randomly when there is no checkpoint
     * @param seed seed of the random initialisation
     * @param manager owner of the encoder's parameters
     * @return the frozen encoder
     */
    static FrozenEncoder encoder(Path checkpoint, CaeConfig randomInit, long seed, NDManager manager) throws IOException {
        if (checkpoint == null) {
            return CaeEncoder.randomInit(randomInit, seed, manager);
        }
        if (!Files.isRegularFile(checkpoint)) {
            throw new NoSuchFileException(checkpoint.toString(), null, "no such file (--checkpoint)");
        }
        return CaeEncoder.fromCheckpoint(checkpoint, manager);
    }

    private void checkEncoderOptions(Mode m) {
        if (m == Mode.PIXELS && (checkpoint != null || randomInit)) {
            throw new IllegalArgumentException("--mode pixels probes raw pixels: it takes neither --checkpoint nor --random-init");
        }
        if (m != Mode.PIXELS && (checkpoint == null) == !randomInit) {
            throw new IllegalArgumentException("--mode " + mode + " needs exactly one of --checkpoint FILE (a CAE encoder) "
                    + "or --random-init (the randomly initialised baseline)");
        }
    }

    private ProbeTrainer.Options options(Mode m) {
        ProbeTrainer.Options d = m == Mode.ATTENTIVE ? ProbeTrainer.Options.attentive() : ProbeTrainer.Options.linear();
        int e = epochs != null ? epochs : d.epochs();
        int w = warmupEpochs != null ? warmupEpochs : Math.min(d.warmupEpochs(), e - 1);
        return new ProbeTrainer.Options(e, w, batchSize != null ? batchSize : d.batchSize(), lr != null ? lr : d.lr(),
                d.minLr(), seed, d.encodeBatchSize());
    }

    static Mode parseMode(String s) {
        try {
            return Mode.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --mode '" + s + "': expected linear, attentive or pixels", e);
        }
    }

    private String summary(Mode m, FrozenEncoder encoder, ProbeHead head, ImageDataset train, ImageDataset test,
                           ProbeTrainer.Options o, String result) {
        String name = m.name().toLowerCase(Locale.ROOT);
        return "# CAE probe: " + name + "\n\n"
                + "| | |\n|---|---|\n"
                + "| encoder | " + encoder.identity() + (checkpoint != null ? " (" + checkpoint + ")" : "")
                + (randomInit ? " (random init, seed " + seed + ")" : "") + " |\n"
                + "| head | " + head.describe() + " |\n"
                + "| train | " + train.name() + ", " + train.size() + " images |\n"
                + "| test | " + test.name() + ", " + test.size() + " images |\n"
                + String.format(Locale.ROOT, "| schedule | %d epochs (%d warm-up, per-iteration cosine), batch %d, peak lr %.3g, seed %d |%n",
                        o.epochs(), o.warmupEpochs(), o.batchSize(), o.lr(), o.seed())
                + "| data | " + data + " |\n\n"
                + result + "\n\nPer-epoch numbers: `metrics.jsonl`; curves: `accuracy.png`.\n";
    }
}
