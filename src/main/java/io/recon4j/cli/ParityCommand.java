package io.recon4j.cli;

import picocli.CommandLine.Command;

/** {@code recon parity ...}: reproduce the official code's fixtures and write comparable artefacts. */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Parity with the official code: replay its fixtures through recon4j and write comparable files.",
        subcommands = {ParityTrajectoryCommand.class})
final class ParityCommand extends GroupCommand {
}
