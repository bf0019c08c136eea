package io.recon4j.cli;

import io.recon4j.bench.BenchSize;
import io.recon4j.bench.ModelBenchmark;
import io.recon4j.bench.Phase;
import io.recon4j.geometry.GroupingBenchmark;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon bench ...}: benchmarks whose Markdown tables go into docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints a Markdown table for docs/benchmarks.md.",
        subcommands = {BenchCommand.Grouping.class, BenchCommand.Model.class})
final class BenchCommand extends GroupCommand {

    /** {@code recon bench grouping}: FPS + kNN throughput, Java kernels against naive DJL ops. */
    @Command(name = "grouping", mixinStandardHelpOptions = true,
            description = {"Grouping throughput (clouds/s) for B=32: N=1024,G=64,K=32 and N=2048,G=128,K=32,",
                "plain-Java FPS + kNN against FPS as a loop of DJL ops and kNN by a distance matrix + topK."})
    static final class Grouping implements Callable<Integer> {

        @Option(names = "--warmup", defaultValue = "3", description = "Warm-up repetitions (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--reps", defaultValue = "10", description = "Measured repetitions, median reported (default ${DEFAULT-VALUE}).")
        int reps;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println(GroupingBenchmark.run(GroupingBenchmark.DEFAULT_CONFIGS, warmup, reps));
            out.flush();
            return 0;
        }
    }

    /** {@code recon bench model}: training and inference steps per size against the matmul peak and the official code. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = {"Pretraining, fine-tuning and inference throughput per model size (batch 32, random clouds),",
                "phase times, achieved GFLOP/s against the fp32 matmul peak of the same run, peak RSS per",
                "configuration (each in its own JVM), single-cloud latency, and the official code's figures beside ours."})
    static final class Model implements Callable<Integer> {

        @Option(names = "--sizes", defaultValue = "nano,tiny,small,base", split = ",",
                description = "Sizes: nano, tiny, small, base, or name=C/depth/heads/decoderDepth/G/K/N (default ${DEFAULT-VALUE}).")
        List<String> sizes;

        @Option(names = "--phases", defaultValue = "pretrain,finetune,infer", split = ",",
                description = "Phases: pretrain, finetune, infer (default ${DEFAULT-VALUE}).")
        List<String> phases;

        @Option(names = "--batch", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps per configuration (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iters", defaultValue = "5", description = "Timed steps per configuration; medians reported (default ${DEFAULT-VALUE}).")
        int iters;

        @Option(names = "--in-process", description = "Run every configuration in this JVM (faster start; peak RSS is then not per configuration).")
        boolean inProcess;

        @Option(names = "--child-heap", defaultValue = "512m", description = "Java heap (-Xmx) of each child JVM (default ${DEFAULT-VALUE}).")
        String childHeap;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ModelBenchmark.Options d = ModelBenchmark.Options.defaults();
            ModelBenchmark.Options o = new ModelBenchmark.Options(sizes.stream().map(BenchSize::parse).toList(),
                    phases.stream().map(Phase::parse).toList(), batch, warmup, iters, d.classes(), d.peakSize(), d.peakReps(),
                    d.latencyIters(), !inProcess, childHeap, d.seed());
            String command = String.format(java.util.Locale.ROOT, "recon bench model --sizes %s --phases %s --batch %d --warmup %d --iters %d%s",
                    String.join(",", sizes), String.join(",", phases), batch, warmup, iters, inProcess ? " --in-process" : "");
            PrintWriter out = spec.commandLine().getOut();
            out.println(ModelBenchmark.run(o, command, System.err));
            out.flush();
            return 0;
        }
    }
}
