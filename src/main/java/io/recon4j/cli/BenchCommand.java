package io.recon4j.cli;

import picocli.CommandLine.Command;

/** {@code recon bench ...}: benchmarks whose Markdown tables go into docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints a Markdown table for docs/benchmarks.md.",
        subcommands = {BenchGroupingCommand.class, BenchModelCommand.class, BenchSoakCommand.class,
            BenchProfileCommand.class})
final class BenchCommand extends GroupCommand {
}
