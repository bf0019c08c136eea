package io.recon4j.cli;

import io.recon4j.bench.BenchSize;
import io.recon4j.bench.ModelBenchmark;
import io.recon4j.bench.Phase;
import io.recon4j.bench.ProfileBenchmark;
import io.recon4j.bench.SideBySide;
import io.recon4j.bench.SoakBenchmark;
import io.recon4j.geometry.GroupingBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon bench ...}: benchmarks whose Markdown tables go into docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints a Markdown table for docs/benchmarks.md.",
        subcommands = {BenchCommand.Grouping.class, BenchCommand.Model.class, BenchCommand.Soak.class,
            BenchCommand.Profile.class})
final class BenchCommand extends GroupCommand {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    /** @return {@code out}, or runs/PREFIX-date-time when none was given */
    static Path outDir(Path out, String prefix) {
        return out != null ? out : Path.of("runs", prefix + "-" + LocalDateTime.now().format(STAMP));
    }

    /** {@code --batch}, {@code --seed} and {@code --out} of the benchmarks that measure one configuration in a folder. */
    static final class Run {

        @Option(names = "--batch", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default runs/${COMMAND-NAME}-<date-time>).")
        Path out;

        /** @return {@code --out}, or runs/PREFIX-date-time */
        Path dir(String prefix) {
            return outDir(out, prefix);
        }
    }

    /** {@code recon bench grouping}: FPS + kNN throughput, Java kernels against naive DJL ops. */
    @Command(name = "grouping", mixinStandardHelpOptions = true,
            description = {"Grouping throughput (clouds/s) for B=32: N=1024,G=64,K=32 and N=2048,G=128,K=32,",
                "plain-Java FPS + kNN against FPS as a loop of DJL ops and kNN by a distance matrix + topK."})
    static final class Grouping extends ReconCommand {

        @Option(names = "--warmup", defaultValue = "3", description = "Warm-up repetitions (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--reps", defaultValue = "10", description = "Measured repetitions, median reported (default ${DEFAULT-VALUE}).")
        int reps;

        @Override
        public Integer call() {
            PrintWriter out = out();
            out.println(GroupingBenchmark.run(GroupingBenchmark.DEFAULT_CONFIGS, warmup, reps));
            out.flush();
            return 0;
        }
    }

    /** {@code recon bench model}: training and inference steps per size against the matmul peak and the official code. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = {"Pretraining, fine-tuning and inference throughput per model size (batch 32, random clouds),",
                "phase times, achieved GFLOP/s against the fp32 matmul peak of the same run, peak RSS per",
                "configuration (each in its own JVM) and single-cloud latency. With --peer DIR: the official code",
                "(../shared/peer-bench) timed in the same run, interleaved configuration by configuration, one table",
                "with both and their ratio; raw results of both sides as JSON lines under --out."})
    static final class Model extends ReconCommand {

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

        @Option(names = "--peer", paramLabel = "DIR", description = {"Run the official code beside ours: the peer-bench folder "
                + "(../shared/peer-bench; needs RECON_MIRROR, see its README).", "Sizes: nano, tiny, small, base only."})
        Path peer;

        @Option(names = "--out", paramLabel = "DIR", description = "With --peer: folder for side-by-side.jsonl and the peer's "
                + "logs (default runs/bench-<date-time>).")
        Path out;

        @Override
        public Integer call() {
            ModelBenchmark.Options d = ModelBenchmark.Options.defaults();
            ModelBenchmark.Options o = new ModelBenchmark.Options(sizes.stream().map(BenchSize::parse).toList(),
                    phases.stream().map(Phase::parse).toList(), batch, warmup, iters, d.classes(), d.peakSize(), d.peakReps(),
                    d.latencyIters(), !inProcess, childHeap, d.seed());
            String command = String.format(Locale.ROOT, "recon bench model --sizes %s --phases %s --batch %d --warmup %d --iters %d%s%s",
                    String.join(",", sizes), String.join(",", phases), batch, warmup, iters, inProcess ? " --in-process" : "",
                    peer == null ? "" : " --peer " + peer);
            PrintWriter w = out();
            if (peer == null) {
                w.println(ModelBenchmark.run(o, command, errStream()));
            } else {
                Path dir = outDir(out, "bench");
                w.println(SideBySide.run(o, peer, dir, command, errStream()));
            }
            w.flush();
            return 0;
        }
    }

    /** {@code recon bench soak}: resident memory over many training steps and inference batches, with a verdict. */
    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = {"Resident memory (VmRSS) sampled over training steps, then inference batches, in one process;",
                "writes soak.csv, soak.png and summary.md (flat or not: every sample after the warm-up within",
                "±tolerance of the first sample after it)."})
    static final class Soak extends ReconCommand {

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
        Run run;

        @Override
        public Integer call() {
            SoakBenchmark.Options o = new SoakBenchmark.Options(BenchSize.parse(size), Phase.parse(trainPhase), trainSteps,
                    inferBatches, sampleEvery, run.batch, warmupFraction, tolerance, run.seed);
            Path dir = run.dir("soak");
            String command = String.format(Locale.ROOT, "recon bench soak --size %s --train-phase %s --train-steps %d "
                    + "--infer-batches %d --sample-every %d --batch %d --warmup-fraction %s --tolerance %s --seed %d --out %s",
                    size, trainPhase, trainSteps, inferBatches, sampleEvery, run.batch, warmupFraction, tolerance, run.seed, dir);
            PrintWriter w = out();
            w.println(SoakBenchmark.run(o, dir, command, errStream()));
            w.flush();
            return 0;
        }
    }

    /** {@code recon bench profile}: one configuration's step, operator by operator (libtorch profiler). */
    @Command(name = "profile", mixinStandardHelpOptions = true,
            description = {"Where a step's time goes: a few steps of one configuration under libtorch's profiler;",
                "prints the phase split and the operators by self time, writes trace.json (chrome://tracing)",
                "and profile.md."})
    static final class Profile extends ReconCommand {

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
        Run run;

        @Override
        public Integer call() {
            ProfileBenchmark.Options o = new ProfileBenchmark.Options(BenchSize.parse(size), Phase.parse(phase), run.batch, 40,
                    warmup, steps, top, run.seed);
            Path dir = run.dir("profile");
            String command = String.format(Locale.ROOT, "recon bench profile --size %s --phase %s --batch %d --warmup %d "
                    + "--steps %d --top %d --seed %d", size, phase, run.batch, warmup, steps, top, run.seed);
            PrintWriter w = out();
            w.println(ProfileBenchmark.run(o, dir, command, errStream()));
            w.println("trace: " + dir.resolve("trace.json"));
            w.flush();
            return 0;
        }
    }
}
