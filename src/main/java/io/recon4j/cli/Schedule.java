package io.recon4j.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --epochs}, {@code --batch-size}, {@code --lr} and {@code --warmup}: a training command's schedule. Each
 * command gives its recipe's defaults and notes (e.g. the official values); an option without a default stays null
 * (unset: the recipe decides).
 */
final class Schedule extends TailoredOptions<Schedule> {

    @Option(names = "--epochs", description = "Epochs")
    Integer epochs;

    @Mixin
    BatchSize batch = new BatchSize();

    @Option(names = "--lr", description = "Peak learning rate")
    Double lr;

    @Option(names = "--warmup", description = "Warm-up epochs")
    Integer warmup;

    /** @return the batch size */
    int batchSize() {
        return batch.batchSize;
    }
}
