package io.recon4j.cli;

import picocli.CommandLine.Option;

/** {@code --seed} of the training commands: the run's one seed. */
final class RunSeed {

    @Option(names = "--seed", defaultValue = "0", description = "Run seed (default ${DEFAULT-VALUE}).")
    long seed;
}
