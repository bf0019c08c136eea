package io.recon4j.cli;

import io.recon4j.image.ImageDataset;
import io.recon4j.probe.ProbeRun;
import io.recon4j.probe.ProbeTrainer;
import picocli.CommandLine.Option;

/** The head's schedule and the image counts of {@code recon cae probe}; unset ones take the mode's defaults. */
final class ProbeScheduleOptions {

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

    /** @return the mode's schedule with every given option applied, checked before any image is read */
    ProbeTrainer.Options options(ProbeRun.Mode mode, long seed) {
        if (limitTrain != null && limitTrain <= 0 || limitTest != null && limitTest <= 0) {
            throw new IllegalArgumentException("--limit-train and --limit-test must be > 0, got " + limitTrain + " and "
                    + limitTest);
        }
        ProbeTrainer.Options d = mode.defaults();
        int e = epochs != null ? epochs : d.epochs();
        int w = warmupEpochs != null ? warmupEpochs : Math.min(d.warmupEpochs(), e - 1);
        return new ProbeTrainer.Options(e, w, batchSize != null ? batchSize : d.batchSize(), lr != null ? lr : d.lr(),
                d.minLr(), seed, d.encodeBatchSize());
    }

    /** @return the first --limit-train (or --limit-test, with {@code test}) images */
    ImageDataset limit(ImageDataset images, boolean test) {
        Integer n = test ? limitTest : limitTrain;
        return n == null ? images : images.head(n);
    }
}
