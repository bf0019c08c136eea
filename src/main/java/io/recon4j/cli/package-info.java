/**
 * The {@code recon} command line (picocli): {@link io.recon4j.cli.Main} and one {@code *Command} class per
 * subcommand, each parsing and checking its options, then calling the library (data, model, train, protocol, eval,
 * teacher, cae, ...) and printing or writing its results; shared option groups are the {@code *Options} classes and
 * the small mixins {@code RunSeed}, {@code BatchSize}, {@code Schedule}, {@code OutFolder} and {@code RunOptions},
 * which each command creates with its own defaults and help ({@code TailoredOptions}); mixins that check options
 * together ({@code ReconCommand.Checked}) run before the command does any work.
 * Commands hold no model logic of their own. Clouds cross it as (B, N, 3): B batch, N points per cloud.
 */
package io.recon4j.cli;
