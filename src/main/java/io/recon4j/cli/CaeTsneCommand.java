package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeEncoder;
import io.recon4j.cae.CaeFeatureTsne;
import io.recon4j.image.ImageDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon cae analyze tsne}. */
@Command(name = "tsne", mixinStandardHelpOptions = true,
        description = {"t-SNE of the encoder's features of class-balanced Fashion-MNIST test images,",
            "coloured by class: the cls token (tsne-cls.png) and the mean of the patch tokens",
            "(tsne-patch.png), one panel per encoder. With --random-init a randomly",
            "initialised encoder of the same size is mapped beside the pretrained one. Each",
            "panel reports the leave-one-out k-NN accuracy in the 2-D map and in the features",
            "(tsne.csv). Exact t-SNE (van der Maaten & Hinton 2008), O(N^2) per iteration."})
final class CaeTsneCommand extends ReconCommand {

    @Mixin
    TrainedCae cae;

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

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        cae.check();
        CaeFeatureTsne.Options options = new CaeFeatureTsne.Options(samples, perplexity, iterations, seed, k);
        if (k < 1 || k >= samples) {
            throw new IllegalArgumentException("--k must be in [1, " + (samples - 1) + "], got " + k);
        }
        ImageDataset test = cae.test();
        try (NDManager m = NDManager.newBaseManager()) {
            CaeEncoder pretrained = cae.encoder(m);
            List<CaeFeatureTsne.Encoder> encoders = new ArrayList<>(List.of(new CaeFeatureTsne.Encoder("pretrained", pretrained)));
            if (randomInit) {
                encoders.add(new CaeFeatureTsne.Encoder("random init", CaeEncoder.randomInit(pretrained.config(), seed, m)));
            }
            List<CaeFeatureTsne.Score> scores = CaeFeatureTsne.write(encoders, test, options, out, m);
            out().printf(Locale.ROOT, "%d test images (%d per class), perplexity %.0f, %d iterations; %d-NN accuracy "
                    + "(leave one out):%n", samples, samples / test.classNames().size(), perplexity, iterations, k);
            out().print(CaeFeatureTsne.toMarkdown(scores));
        }
        out().println("pictures: " + out.resolve("tsne-cls.png") + ", " + out.resolve("tsne-patch.png") + "; scores: "
                + out.resolve("tsne.csv"));
        out().flush();
        return 0;
    }
}
