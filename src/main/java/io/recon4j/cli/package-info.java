/**
 * The {@code recon} command line (picocli): {@link io.recon4j.cli.Main} and one {@code *Command} class per
 * subcommand, each parsing and checking its options, then calling the library (data, model, train, protocol, eval,
 * teacher, cae, ...) and printing or writing its results; shared option groups are the {@code *Options} classes.
 * Commands hold no model logic of their own. Clouds cross it as (B, N, 3): B batch, N points per cloud.
 */
package io.recon4j.cli;
