package io.recon4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code recon cae ...}: the Context Autoencoder for images (issue 6) and its evaluation. */
@Command(name = "cae", mixinStandardHelpOptions = true,
        description = "Context Autoencoder (CAE) for images: probing frozen encoders on Fashion-MNIST.",
        subcommands = {CaeProbeCommand.class})
final class CaeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
