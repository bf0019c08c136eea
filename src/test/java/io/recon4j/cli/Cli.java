package io.recon4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs one {@code recon} command in-process with its output and errors in strings (picocli's setOut/setErr). */
final class Cli {

    /** Exit code, standard output and standard error of one command. */
    record Run(int code, String out, String err) {
    }

    private Cli() {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // setOut/setErr reach every subcommand already registered, so System.out stays untouched (tests may run in parallel).
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    /** @return the configured root command and every subcommand below it, each once */
    static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
    }
}
