package io.recon4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code recon analyze attention-distance} measures, on how many shapes, and where it writes. */
final class AttentionDistanceOptions {

    @Option(names = "--checkpoint", split = ",", required = true,
            description = "Pretrained or fine-tuned checkpoints (any --method), compared on the same shapes.")
    List<Path> checkpoints;

    @Option(names = "--with-random-init", description = "Add a randomly initialised ReCon model (seed 0) as a baseline line.")
    boolean withRandomInit;

    @Option(names = "--label", split = ",", description = "A name per checkpoint (default: the file's folder).")
    List<String> labels;

    @Option(names = "--samples", defaultValue = "64", description = "Test shapes to average over (default ${DEFAULT-VALUE}).")
    int samples;

    @Mixin
    BatchSize batch = BatchSize.of("16", "Shapes per forward pass");

    @Mixin
    OutFolder out = OutFolder.described("Output folder (default: runs/attention-distance-<time>)");

    /**
     * Checks the counts, the labels and the files before any data is read.
     *
     * @return a label per checkpoint (--label, or each file's folder), then "random init" with --with-random-init
     */
    List<String> labels() {
        if (samples < 1 || batch.batchSize < 1) {
            throw new IllegalArgumentException("--samples and --batch-size must be at least 1");
        }
        if (labels != null && labels.size() != checkpoints.size()) {
            throw new IllegalArgumentException("--label has " + labels.size() + " names for " + checkpoints.size()
                    + " checkpoints");
        }
        checkpoints.forEach(InputFiles::checkpoint);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < checkpoints.size(); i++) {
            all.add(labels != null ? labels.get(i) : checkpoints.get(i).toAbsolutePath().getParent().getFileName().toString());
        }
        if (withRandomInit) {
            all.add("random init");
        }
        return all;
    }
}
