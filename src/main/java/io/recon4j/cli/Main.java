package io.recon4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code recon} command-line program: one subcommand per job.
 */
@Command(name = "recon",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-supervised point-cloud learning (ReCon) on the JVM.",
        subcommands = {
            QuickstartCommand.class,
            InspectCommand.class,
            BenchCommand.class,
            ModelCommand.class,
            PretrainCommand.class,
            FinetuneCommand.class,
            TestCommand.class,
            FewshotCommand.class,
            SvmCommand.class,
            EmbedCommand.class,
            ImportCommand.class,
            ForwardCommand.class,
            ExportCommand.class,
            ParityCommand.class,
            RenderCommand.class,
            ZeroShotCommand.class,
            CompareCommand.class,
            ScalingCommand.class,
            CurvesCommand.class,
            TeacherCommand.class,
            AnalyzeCommand.class,
            ReportCommand.class,
            CaeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the program; exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the program and returns its exit code (0 success, 1 failure, 2 usage or bad input). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (help layout, one-line errors); tests redirect its output with setOut/setErr. */
    static CommandLine commandLine() {
        // Everything the program needs ships in the jar: never let DJL reach for the network.
        System.setProperty("ai.djl.offline", "true");
        CommandLine cl = new CommandLine(new Main());
        TailoredOptions.apply(cl);
        HelpLayout.reflow(cl);
        cl.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            CommandLine cmd = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
            try {
                ReconCommand.checkMixins(cmd.getCommandSpec());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ExecutionException(cmd, e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // The qualified name ("recon cae pretrain") tells apart subcommands that share a leaf name.
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
            if (System.getenv("RECON_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String oneLine(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg.replace('\n', ' ');
    }

    /** Version from the jar manifest, else the one Maven filtered into the resources ("dev" without either). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"recon4j " + (v == null ? io.recon4j.util.Version.current() : v)};
        }
    }
}
