package io.recon4j.cli;

import picocli.CommandLine.Option;

/** {@code --batch-size}: samples per model call or optimiser step, with the command's default. */
final class BatchSize extends TailoredOptions<BatchSize> {

    @Option(names = "--batch-size", description = "Batch size")
    int batchSize;

    /** @return a {@code --batch-size} with this default, described as "Batch size" */
    static BatchSize of(String defaultValue) {
        return new BatchSize().note("--batch-size", defaultValue, null);
    }

    /** @return a {@code --batch-size} with this default and the command's own sentence, e.g. "Clouds per model call" */
    static BatchSize of(String defaultValue, String sentence) {
        return new BatchSize().sentence("--batch-size", defaultValue, sentence);
    }
}
