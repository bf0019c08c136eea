package io.recon4j.cli;

import picocli.CommandLine.Command;

/** {@code recon cae analyze ...}: the CAE paper's analyses of a trained model. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of trained CAE models (the paper's figures).",
        subcommands = {CaeShortcutCommand.class, CaeTsneCommand.class, CaeAttentionCommand.class})
final class CaeAnalyzeCommand extends GroupCommand {
}
