package io.recon4j.cli;

import picocli.CommandLine.Command;

/** {@code recon teacher ...}: look at the frozen teachers of cross-modal distillation. */
@Command(name = "teacher", mixinStandardHelpOptions = true,
        description = "Inspect the frozen teachers of ReCon's cross-modal distillation.",
        subcommands = {TeacherInspectCommand.class})
final class TeacherCommand extends GroupCommand {
}
