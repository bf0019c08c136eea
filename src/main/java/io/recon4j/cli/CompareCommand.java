package io.recon4j.cli;

import io.recon4j.protocol.FewShotComparison;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon compare}: a paired comparison of two methods' few-shot runs on the same folds. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Paired comparison of two few-shot methods: folds are paired by seed folder and",
            "fold number (their fold.json splits must be identical), then the mean difference A - B",
            "of each fold's best accuracy, its 95%% bootstrap interval and the sign-flip p-value."})
final class CompareCommand extends ReconCommand {

    @Option(names = "--a", split = ",", required = true, description = "Few-shot run folders of method A (one per seed).")
    List<Path> a;

    @Option(names = "--b", split = ",", required = true, description = "Few-shot run folders of method B, same seeds, same order.")
    List<Path> b;

    @Option(names = "--name-a", defaultValue = "A", description = "Label of method A (default ${DEFAULT-VALUE}).")
    String nameA;

    @Option(names = "--name-b", defaultValue = "B", description = "Label of method B (default ${DEFAULT-VALUE}).")
    String nameB;

    @Mixin
    RunSeed seed = RunSeed.of("Seed of the bootstrap");

    @Override
    public Integer call() throws Exception {
        out().print(FewShotComparison.of(a, b, seed.seed).toText(nameA, nameB));
        out().flush();
        return 0;
    }
}
