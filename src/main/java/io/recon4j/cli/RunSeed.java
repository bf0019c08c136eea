package io.recon4j.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: the one seed of a command's randomness (default 0), described as what it seeds there. */
final class RunSeed extends TailoredOptions<RunSeed> {

    @Option(names = "--seed", defaultValue = "0", description = "Run seed (default ${DEFAULT-VALUE}).")
    long seed;

    /** @return a {@code --seed} whose help says what it seeds, e.g. "Seed of the voting draws" */
    static RunSeed of(String sentence) {
        return new RunSeed().sentence("--seed", "0", sentence);
    }
}
