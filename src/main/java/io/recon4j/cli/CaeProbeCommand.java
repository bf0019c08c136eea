package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.image.FashionMnist;
import io.recon4j.image.ImageDataset;
import io.recon4j.probe.FrozenEncoder;
import io.recon4j.probe.PixelEncoder;
import io.recon4j.probe.ProbeHead;
import io.recon4j.probe.ProbeRun;
import io.recon4j.probe.ProbeTrainer;
import io.recon4j.util.Devices;
import io.recon4j.util.RunFolder;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--mode", required = true, description = "linear, attentive or pixels.")
    String mode;

    @Option(names = "--data", description = "Folder of the four Fashion-MNIST IDX files, plain or .gz (default: ${DEFAULT-VALUE}).",
            defaultValue = "/usr/share/datasets/fashion-mnist")
    Path data;

    @Mixin
    ProbedEncoderOptions probed;

    @Mixin
    ProbeScheduleOptions schedule;

    @Mixin
    RunSeed seed = RunSeed.of("Seed of the encoder's and head's init and of shuffling");

    @Mixin
    OutFolder out = OutFolder.described("Run folder (default: runs/cae-probe-<mode>-<time>)");

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ProbeRun.Mode m = ProbeRun.Mode.parse(mode);
        probed.check(m, mode);
        ProbeTrainer.Options options = schedule.options(m, seed.seed);
        try (NDManager manager = NDManager.newBaseManager(Devices.best())) {
            FrozenEncoder encoder = probed.encoder(m, seed.seed, manager);
            ImageDataset train = schedule.limit(FashionMnist.train(data), false);
            ImageDataset test = schedule.limit(FashionMnist.test(data), true);
            encoder = encoder != null ? encoder : new PixelEncoder(train.channels(), train.height(), train.width());
            ProbeHead head = ProbeRun.head(m, encoder, train.classNames().size());
            RunFolder run = out.folder("cae-probe-" + m.id());
            out().printf(Locale.ROOT, "cae probe --mode %s: encoder %s; %s; train %s (%d images), test %s (%d images); "
                            + "%d epochs (%d warm-up), batch %d, lr %.3g; run folder %s%n", m.id(), encoder.identity(),
                    head.describe(), train.name(), train.size(), test.name(), test.size(), options.epochs(),
                    options.warmupEpochs(), options.batchSize(), options.lr(), run.dir());
            out().flush();
            ProbeRun.Result r = ProbeRun.run(m, encoder, head, train, test, options, probed.note(seed.seed), data.toString(), run,
                    manager, t0, outLines());
            out().println(r.line());
            out().println("report: " + run.resolve("summary.md") + ", " + run.resolve("accuracy.png") + "; head weights: "
                    + run.resolve("probe.pth"));
        }
        out().flush();
        return 0;
    }
}
