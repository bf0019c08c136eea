package io.recon4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The base of every {@code recon} command: picocli's spec and the command's own output and error streams (which
 * tests redirect with setOut/setErr), so a command only parses, calls the library and prints.
 */
abstract class ReconCommand implements Callable<Integer> {

    /** A mixin whose options are checked together (e.g. --resume with --out) before the command does any work. */
    interface Checked {
        /** @throws IllegalArgumentException naming the options that do not fit together */
        void check();
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Checks every {@link Checked} mixin of the command (nested ones too), before {@link #call()} runs. */
    static void checkMixins(CommandLine.Model.CommandSpec command) {
        for (CommandLine.Model.CommandSpec mixin : command.mixins().values()) {
            checkMixins(mixin);
            if (mixin.userObject() instanceof Checked c) {
                c.check();
            }
        }
    }

    /** @return the command's standard output */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** @return the command's standard error, where progress goes */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** @return a sink that prints each line on standard output at once (progress that belongs to the result) */
    final Consumer<String> outLines() {
        PrintWriter pw = out();
        return line -> {
            pw.println(line);
            pw.flush();
        };
    }

    /** @return standard error as a PrintStream, for library progress parameters of that type */
    final PrintStream errStream() {
        PrintWriter err = err();
        OutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                err.write(toString(StandardCharsets.UTF_8));
                err.flush();
                reset();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
