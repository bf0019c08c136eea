package io.recon4j.cli;

import io.recon4j.util.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out}: the folder a command writes into; unset, a new {@code runs/<job>-<time>} folder. */
final class OutFolder extends TailoredOptions<OutFolder> {

    @Option(names = "--out", paramLabel = "<out>", description = "Output folder.")
    Path dir;

    /** @return an optional {@code --out} with the command's own sentence, e.g. "Output folder (default: runs/svm-<time>)" */
    static OutFolder described(String sentence) {
        return new OutFolder().sentence("--out", null, sentence);
    }

    /** @return a required {@code --out} with the command's own sentence */
    static OutFolder required(String sentence) {
        return new OutFolder().required("--out", sentence);
    }

    /** @return {@code --out}, or a new {@code runs/<job>-<time>} folder */
    RunFolder folder(String job) throws IOException {
        return dir != null ? RunFolder.at(dir) : RunFolder.create(Path.of("runs"), job);
    }
}
