package io.recon4j.cli;

import io.recon4j.bench.BenchSize;
import io.recon4j.bench.Phase;
import io.recon4j.bench.SoakBenchmark;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon bench soak}: resident memory over many training steps and inference batches, with a verdict. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Resident memory (VmRSS) sampled over training steps, then inference batches, in one process;",
            "writes soak.csv, soak.png and summary.md (flat or not: every sample after the warm-up within",
            "±tolerance of the first sample after it)."})
final class BenchSoakCommand extends ReconCommand {

    @Option(names = "--size", defaultValue = "nano", description = "Model size (as bench model; default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--train-phase", defaultValue = "pretrain", description = "What a training step is: pretrain or finetune (default ${DEFAULT-VALUE}).")
    String trainPhase;

    @Option(names = "--train-steps", defaultValue = "2000", description = "Training steps (0: none; default ${DEFAULT-VALUE}).")
    int trainSteps;

    @Option(names = "--infer-batches", defaultValue = "10000", description = "Inference batches (0: none; default ${DEFAULT-VALUE}).")
    int inferBatches;

    @Option(names = "--sample-every", defaultValue = "10", description = "Steps between RSS samples (default ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--warmup-fraction", defaultValue = "0.1", description = "Leading fraction of each phase not judged (default ${DEFAULT-VALUE}).")
    double warmupFraction;

    @Option(names = "--tolerance", defaultValue = "0.05", description = "Allowed deviation after the warm-up (default ${DEFAULT-VALUE} = ±5%%).")
    double tolerance;

    @Mixin
    BenchRun run;

    @Override
    public Integer call() {
        SoakBenchmark.Options o = new SoakBenchmark.Options(BenchSize.parse(size), Phase.parse(trainPhase), trainSteps,
                inferBatches, sampleEvery, run.batch, warmupFraction, tolerance, run.seed);
        Path dir = run.dir("soak");
        out().println(SoakBenchmark.run(o, dir, o.commandLine(dir), errStream()));
        out().flush();
        return 0;
    }
}
