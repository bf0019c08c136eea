package io.recon4j.cli;

import picocli.CommandLine.Command;

/** {@code recon cae ...}: the Context Autoencoder for images (issue 6) and its evaluation. */
@Command(name = "cae", mixinStandardHelpOptions = true,
        description = "Context Autoencoder (CAE) for images: pretraining, model sizes, probes and analyses on Fashion-MNIST.",
        subcommands = {CaePretrainCommand.class, CaeModelCommand.class, CaeProbeCommand.class, CaeAnalyzeCommand.class})
final class CaeCommand extends GroupCommand {
}
