package io.recon4j.cli;

import io.recon4j.train.TrainingLoop;
import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --out} and {@code --resume} of the training commands: where a run writes, and whether it continues. */
final class RunOptions {

    @Option(names = "--out", description = "Run folder (default: runs/<command>-<time>). Required with --resume.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in --out from its ckpt-last.pth.")
    boolean resume;

    /** Refuses {@code --resume} without a run folder holding {@code ckpt-last.pth}, before any work is done. */
    void checkResume() {
        if (resume && (out == null || !Files.exists(out.resolve("ckpt-last.pth")))) {
            throw new IllegalArgumentException("--resume needs --out pointing at a run folder with ckpt-last.pth");
        }
    }

    /** @return {@code --out}, or a new {@code runs/<job>-<time>} folder */
    RunFolder folder(String job) throws IOException {
        return folder(out, job);
    }

    /** @return {@code out} when given, else a new {@code runs/<job>-<time>} folder (every command's default) */
    static RunFolder folder(Path out, String job) throws IOException {
        return out != null ? RunFolder.at(out) : RunFolder.create(Path.of("runs"), job);
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
