package io.recon4j.cli;

import io.recon4j.bench.BenchSize;
import io.recon4j.bench.Phase;
import io.recon4j.bench.ProfileBenchmark;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon bench profile}: one configuration's step, operator by operator (libtorch profiler). */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Where a step's time goes: a few steps of one configuration under libtorch's profiler;",
            "prints the phase split and the operators by self time, writes trace.json (chrome://tracing)",
            "and profile.md."})
final class BenchProfileCommand extends ReconCommand {

    @Option(names = "--size", defaultValue = "base", description = "Model size (as bench model; default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--phase", defaultValue = "finetune", description = "pretrain, finetune or infer (default ${DEFAULT-VALUE}).")
    String phase;

    @Option(names = "--warmup", defaultValue = "2", description = "Unprofiled steps first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "3", description = "Profiled steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--top", defaultValue = "25", description = "Operators listed (default ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    BenchRun run;

    @Override
    public Integer call() {
        ProfileBenchmark.Options o = new ProfileBenchmark.Options(BenchSize.parse(size), Phase.parse(phase), run.batch, 40,
                warmup, steps, top, run.seed);
        Path dir = run.dir("profile");
        out().println(ProfileBenchmark.run(o, dir, o.commandLine(), errStream()));
        out().println("trace: " + dir.resolve("trace.json"));
        out().flush();
        return 0;
    }
}
