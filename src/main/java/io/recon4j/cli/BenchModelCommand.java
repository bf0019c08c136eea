package io.recon4j.cli;

import io.recon4j.bench.BenchSize;
import io.recon4j.bench.ModelBenchmark;
import io.recon4j.bench.Phase;
import io.recon4j.bench.SideBySide;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon bench model}: training and inference steps per size against the matmul peak and the official code. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Pretraining, fine-tuning and inference throughput per model size (batch 32, random clouds),",
            "phase times, achieved GFLOP/s against the fp32 matmul peak of the same run, peak RSS per",
            "configuration (each in its own JVM) and single-cloud latency. With --peer DIR: the official code",
            "(../shared/peer-bench) timed in the same run, interleaved configuration by configuration, one table",
            "with both and their ratio; raw results of both sides as JSON lines under --out."})
final class BenchModelCommand extends ReconCommand {

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
        out().println(peer == null ? ModelBenchmark.run(o, command, errStream())
                : SideBySide.run(o, peer, BenchRun.outDir(out, "bench"), command, errStream()));
        out().flush();
        return 0;
    }
}
