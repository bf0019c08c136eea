package io.recon4j.cli;

import io.recon4j.train.TrainingLoop;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --out}, {@code --resume} and {@code --seed} of the training commands: where a run writes, whether it
 * continues, and its one seed.
 */
final class RunOptions extends TailoredOptions<RunOptions> implements ReconCommand.Checked {

    @Mixin
    OutFolder out = new OutFolder();

    @Option(names = "--resume", description = "Continue the run in --out from its ckpt-last.pth.")
    boolean resume;

    @Mixin
    RunSeed runSeed = new RunSeed();

    /** What a resumable run folder holds (a file or a folder). */
    private String marker = "ckpt-last.pth";

    RunOptions() {
        sentence("--out", null, "Run folder (default: runs/<command>-<time>). Required with --resume");
    }

    /** @return run options whose --resume continues a run folder holding {@code marker}, as {@code resumeSentence} says */
    static RunOptions resumable(String job, String marker, String resumeSentence) {
        RunOptions o = new RunOptions().sentence("--out", null, "Run folder (default: runs/" + job
                + "-<time>). Required with --resume").sentence("--resume", null, resumeSentence);
        o.marker = marker;
        return o;
    }

    /** Refuses {@code --resume} without a run folder holding the marker, before any work is done. */
    @Override
    public void check() {
        if (resume && (out.dir == null || !Files.exists(out.dir.resolve(marker)))) {
            throw new IllegalArgumentException("--resume needs --out pointing at a run folder with " + marker);
        }
    }

    /** @return the run's seed */
    long seed() {
        return runSeed.seed;
    }

    /** @return {@code --out}, or a new {@code runs/<job>-<time>} folder */
    RunFolder folder(String job) throws IOException {
        return out.folder(job);
    }

    /** Prints how a pretraining loop ended and where its checkpoint and weights are. */
    static void printPretrained(PrintWriter pw, TrainingLoop.Result r, RunFolder run) {
        pw.println(ended(r, run));
        pw.println("checkpoint: " + run.resolve("ckpt-last.pth") + ", weights: " + run.resolve("pretrained.pth"));
    }

    /** @return the line that says how a training loop ended (and how to continue it) */
    static String ended(TrainingLoop.Result r, RunFolder run) {
        return String.format(Locale.ROOT, "%s: %d epochs this run, %d steps in all, last epoch loss %.5f, %.0f s",
                r.completed() ? "done" : "stopped (resume with --resume --out " + run.dir() + ")",
                r.epochsRun(), r.globalStep(), r.lastLoss(), r.seconds());
    }
}
