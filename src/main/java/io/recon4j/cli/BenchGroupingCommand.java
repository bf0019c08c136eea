package io.recon4j.cli;

import io.recon4j.geometry.GroupingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon bench grouping}: FPS + kNN throughput, Java kernels against naive DJL ops. */
@Command(name = "grouping", mixinStandardHelpOptions = true,
        description = {"Grouping throughput (clouds/s) for B=32: N=1024,G=64,K=32 and N=2048,G=128,K=32,",
            "plain-Java FPS + kNN against FPS as a loop of DJL ops and kNN by a distance matrix + topK."})
final class BenchGroupingCommand extends ReconCommand {

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up repetitions (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--reps", defaultValue = "10", description = "Measured repetitions, median reported (default ${DEFAULT-VALUE}).")
    int reps;

    @Override
    public Integer call() {
        out().println(GroupingBenchmark.run(GroupingBenchmark.DEFAULT_CONFIGS, warmup, reps));
        out().flush();
        return 0;
    }
}
