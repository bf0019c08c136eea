package io.recon4j.cli;

import io.recon4j.cae.CaeFeatureTsne;
import picocli.CommandLine.Option;

/** The sample and t-SNE settings of {@code recon cae analyze tsne}. */
final class TsneOptions {

    @Option(names = "--random-init", description = "Also map a randomly initialised encoder of the same size.")
    boolean randomInit;

    @Option(names = "--samples", defaultValue = "1000", description = "Test images, split evenly over the classes "
            + "(default ${DEFAULT-VALUE}, at most 5000).")
    int samples;

    @Option(names = "--perplexity", defaultValue = "30", description = "t-SNE perplexity (default ${DEFAULT-VALUE}).")
    double perplexity;

    @Option(names = "--iterations", defaultValue = "1000", description = "t-SNE iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--k", defaultValue = "5", description = "Neighbours of the k-NN accuracy (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of t-SNE and of the random init (default ${DEFAULT-VALUE}).")
    long seed;

    /** @return the settings, checked before any image is read */
    CaeFeatureTsne.Options options() {
        CaeFeatureTsne.Options options = new CaeFeatureTsne.Options(samples, perplexity, iterations, seed, k);
        if (k < 1 || k >= samples) {
            throw new IllegalArgumentException("--k must be in [1, " + (samples - 1) + "], got " + k);
        }
        return options;
    }
}
