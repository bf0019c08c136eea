package io.recon4j.cli;

import picocli.CommandLine.Command;

/** {@code recon analyze ...}: the ReCon paper's analyses of trained point-cloud models. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of trained ReCon models (the paper's figures).",
        subcommands = {AttentionDistanceCommand.class, AttentionMapCommand.class})
final class AnalyzeCommand extends GroupCommand {
}
