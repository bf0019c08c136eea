package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeConfig;
import io.recon4j.cae.CaeEncoder;
import io.recon4j.probe.FrozenEncoder;
import io.recon4j.probe.ProbeRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The CAE encoder {@code recon cae probe} reads: a checkpoint's, or a random initialisation (the baseline). */
final class ProbedEncoderOptions {

    @Option(names = "--checkpoint", description = "CAE encoder weights to probe (linear and attentive modes).")
    Path checkpoint;

    @Option(names = "--random-init", description = "Probe a randomly initialised CAE encoder instead (the baseline).")
    boolean randomInit;

    @Option(names = "--size", defaultValue = "tiny", description = {"Size of the --random-init encoder: tiny, nano or base",
        "(default ${DEFAULT-VALUE}; a checkpoint names its own)."})
    String size;

    /** Refuses an encoder choice the mode cannot use, before any image is read. */
    void check(ProbeRun.Mode m, String mode) {
        if (m == ProbeRun.Mode.PIXELS && (checkpoint != null || randomInit)) {
            throw new IllegalArgumentException("--mode pixels probes raw pixels: it takes neither --checkpoint nor --random-init");
        }
        if (m != ProbeRun.Mode.PIXELS && (checkpoint == null) == !randomInit) {
            throw new IllegalArgumentException("--mode " + mode + " needs exactly one of --checkpoint FILE (a CAE encoder) "
                    + "or --random-init (the randomly initialised baseline)");
        }
    }

    /**
     * @return the encoder of the checkpoint (its architecture read from the file), a seeded random initialisation of
     *     --size (the official init, as before pretraining), or null for the pixels mode
     */
    FrozenEncoder encoder(ProbeRun.Mode m, long seed, NDManager manager) throws IOException {
        if (m == ProbeRun.Mode.PIXELS) {
            return null;
        }
        if (checkpoint == null) {
            return CaeEncoder.randomInit(CaeConfig.of(size), seed, manager);
        }
        if (!Files.isRegularFile(checkpoint)) {
            throw new NoSuchFileException(checkpoint.toString(), null, "no such file (--checkpoint)");
        }
        return CaeEncoder.fromCheckpoint(checkpoint, manager);
    }

    /** @return what the summary says after the encoder's identity: its file, or the random init's seed */
    String note(long seed) {
        return (checkpoint != null ? " (" + checkpoint + ")" : "") + (randomInit ? " (random init, seed " + seed + ")" : "");
    }
}
