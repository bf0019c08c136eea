package io.recon4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Refuses a missing input file by its option's name, before any data is read or a run folder made. */
final class InputFiles {

    private InputFiles() {
    }

    /** @return {@code p} (null passes: the option was not given) */
    static Path require(Path p, String option) {
        if (p != null && !Files.isRegularFile(p)) {
            throw new IllegalArgumentException(option + " " + p + ": no such file");
        }
        return p;
    }

    /** @return {@code --checkpoint}, after checking it is a file */
    static Path checkpoint(Path p) {
        return require(p, "--checkpoint");
    }
}
