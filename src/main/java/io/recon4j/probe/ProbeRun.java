package io.recon4j.probe;

import ai.djl.ndarray.NDManager;
import io.recon4j.image.ImageDataset;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One probe of {@code recon cae probe}: a head of the mode's kind trained on a frozen encoder's features, then its
 * report ({@code summary.md}) and weights ({@code probe.pth}) written beside the trainer's metrics.
 */
public final class ProbeRun {

    /** What is probed. */
    public enum Mode {
        /** BatchNorm (no affine) + Linear on the cls token, LARS (MAE protocol). */
        LINEAR,
        /** A learned query + one cross-attention block over all tokens + BatchNorm + Linear, SGD. */
        ATTENTIVE,
        /** The linear probe on raw normalised pixels (the baseline; no encoder). */
        PIXELS;

        /** @return the mode named {@code s} (linear, attentive or pixels) */
        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown --mode '" + s + "': expected linear, attentive or pixels", e);
            }
        }

        /** @return the lower-case name used on the command line */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the mode's default schedule (the attentive probe's, or the linear probe's) */
        public ProbeTrainer.Options defaults() {
            return this == ATTENTIVE ? ProbeTrainer.Options.attentive() : ProbeTrainer.Options.linear();
        }
    }

    /**
     * The outcome.
     *
     * @param training the trainer's accuracies and times
     * @param line one line: final and best accuracy, feature and head time, wall time
     */
    public record Result(ProbeTrainer.Result training, String line) {
    }

    private ProbeRun() {
    }

    /** @return the head a mode trains on {@code encoder}'s tokens */
    public static ProbeHead head(Mode mode, FrozenEncoder encoder, int classes) {
        return mode == Mode.ATTENTIVE ? new AttentiveProbe(encoder.dim(), encoder.heads(), classes)
                : new LinearProbe(encoder.dim(), classes);
    }

    /**
     * Trains {@code head} and writes metrics.jsonl, accuracy.png, summary.md and probe.pth into {@code run}.
     *
     * @param mode the probe's kind (recorded in probe.pth)
     * @param encoder the frozen encoder ({@link PixelEncoder} for pixels)
     * @param encoderNote what the summary adds after the encoder's identity (its file, or the random init's seed)
     * @param dataNote where the images came from, for the summary
     * @param startNanos {@link System#nanoTime()} when the command started (the wall time counts from there)
     * @param log receives one line per epoch
     */
    public static Result run(Mode mode, FrozenEncoder encoder, ProbeHead head, ImageDataset train, ImageDataset test,
                             ProbeTrainer.Options options, String encoderNote, String dataNote, RunFolder run,
                             NDManager manager, long startNanos, Consumer<String> log) throws IOException {
        ProbeTrainer.Result r = ProbeTrainer.run(encoder, head, train, test, options, run, manager, log);
        String line = String.format(Locale.ROOT, "test accuracy %.2f %% after the last epoch (best epoch %.2f %%); "
                + "features %.1f s, head %.1f s, wall time %.1f s", r.finalAccuracy(), r.bestAccuracy(), r.encodeSeconds(),
                r.trainSeconds(), (System.nanoTime() - startNanos) / 1e9);
        run.writeText("summary.md", "# CAE probe: " + mode.id() + "\n\n"
                + "| | |\n|---|---|\n"
                + "| encoder | " + encoder.identity() + encoderNote + " |\n"
                + "| head | " + head.describe() + " |\n"
                + "| train | " + train.name() + ", " + train.size() + " images |\n"
                + "| test | " + test.name() + ", " + test.size() + " images |\n"
                + String.format(Locale.ROOT, "| schedule | %d epochs (%d warm-up, per-iteration cosine), batch %d, peak lr %.3g, "
                        + "seed %d |%n", options.epochs(), options.warmupEpochs(), options.batchSize(), options.lr(), options.seed())
                + "| data | " + dataNote + " |\n\n"
                + line + "\n\nPer-epoch numbers: `metrics.jsonl`; curves: `accuracy.png`.\n");
        ProbeCheckpoint.save(head, new ProbeCheckpoint(mode.id(), encoder.dim(), encoder.heads(),
                train.classNames().size(), encoder.identity()), run.resolve("probe.pth"));
        return new Result(r, line);
    }
}
