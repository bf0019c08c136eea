package io.recon4j.cli;

import ai.djl.ndarray.NDManager;
import io.recon4j.cae.CaeAttentionMaps;
import io.recon4j.cae.CaeEncoder;
import io.recon4j.cae.CaeFeatureTsne;
import io.recon4j.cae.ShortcutReconstruction;
import io.recon4j.probe.AttentiveProbe;
import io.recon4j.probe.ProbeCheckpoint;
import io.recon4j.image.FashionMnist;
import io.recon4j.image.ImageDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon cae analyze ...}: the CAE paper's analyses of a trained model. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of trained CAE models (the paper's figures).",
        subcommands = {CaeAnalyzeCommand.Shortcut.class, CaeAnalyzeCommand.Tsne.class, CaeAnalyzeCommand.Attention.class})
final class CaeAnalyzeCommand extends GroupCommand {

    /** {@code recon cae analyze shortcut}. */
    @Command(name = "shortcut", mixinStandardHelpOptions = true,
            description = {"Encoder-to-decoder shortcut: every test image's patches go through the encoder",
                "and straight into the decoder (regressor skipped). Draws input | one shortcut",
                "reconstruction per checkpoint and prints each one's error. With the alignment",
                "loss the shortcut reconstructs; trained with --align-weight 0 it should not."})
    static final class Shortcut extends ReconCommand {

        @Option(names = "--checkpoint", split = ",", required = true,
                description = "recon4j CAE pretrained.pth files (pixel target), e.g. with and without alignment.")
        List<Path> checkpoints;

        @Option(names = "--data", description = "Fashion-MNIST IDX directory (default ${DEFAULT-VALUE}).")
        Path data = FashionMnist.DEFAULT_DIR;

        @Option(names = "--count", defaultValue = "8", description = "Test images to draw (default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--out", required = true, description = "Output PNG.")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (count < 1) {
                throw new IllegalArgumentException("--count must be at least 1, got " + count);
            }
            checkpoints.forEach(InputFiles::checkpoint);
            ImageDataset test = FashionMnist.test(data);
            List<ShortcutReconstruction.Entry> r = ShortcutReconstruction.write(checkpoints, test, count, out);
            PrintWriter pw = out();
            for (ShortcutReconstruction.Entry e : r) {
                pw.printf(Locale.ROOT, "%s (alignment weight %s): shortcut reconstruction MSE %.4f%n", e.checkpoint(),
                        e.alignWeight(), e.mse());
            }
            pw.println("picture: " + out + " (columns: input, then one per checkpoint in the order given)");
            pw.flush();
            return 0;
        }
    }

    /** The trained CAE an analysis reads, and the test images. */
    static final class TrainedCae {
        @Option(names = "--checkpoint", required = true, description = "recon4j CAE checkpoint (pretrained.pth).")
        Path checkpoint;

        @Option(names = "--data", description = "Fashion-MNIST IDX directory (default ${DEFAULT-VALUE}).")
        Path data = FashionMnist.DEFAULT_DIR;

        /** @return the encoder, after checking the file exists */
        CaeEncoder encoder(NDManager manager) throws java.io.IOException {
            InputFiles.checkpoint(checkpoint);
            return CaeEncoder.fromCheckpoint(checkpoint, manager);
        }
    }

    /** {@code recon cae analyze tsne}. */
    @Command(name = "tsne", mixinStandardHelpOptions = true,
            description = {"t-SNE of the encoder's features of class-balanced Fashion-MNIST test images,",
                "coloured by class: the cls token (tsne-cls.png) and the mean of the patch tokens",
                "(tsne-patch.png), one panel per encoder. With --random-init a randomly",
                "initialised encoder of the same size is mapped beside the pretrained one. Each",
                "panel reports the leave-one-out k-NN accuracy in the 2-D map and in the features",
                "(tsne.csv). Exact t-SNE (van der Maaten & Hinton 2008), O(N^2) per iteration."})
    static final class Tsne extends ReconCommand {

        @CommandLine.Mixin
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
            InputFiles.checkpoint(cae.checkpoint);
            CaeFeatureTsne.Options options = new CaeFeatureTsne.Options(samples, perplexity, iterations, seed, k);
            if (k < 1 || k >= samples) {
                throw new IllegalArgumentException("--k must be in [1, " + (samples - 1) + "], got " + k);
            }
            ImageDataset test = FashionMnist.test(cae.data);
            PrintWriter pw = out();
            try (NDManager m = NDManager.newBaseManager()) {
                CaeEncoder pretrained = cae.encoder(m);
                List<CaeFeatureTsne.Encoder> encoders = new ArrayList<>();
                encoders.add(new CaeFeatureTsne.Encoder("pretrained", pretrained));
                if (randomInit) {
                    encoders.add(new CaeFeatureTsne.Encoder("random init",
                            CaeEncoder.randomInit(pretrained.config(), seed, m)));
                }
                List<CaeFeatureTsne.Score> scores = CaeFeatureTsne.write(encoders, test, options, out, m);
                StringBuilder csv = new StringBuilder("encoder,feature,knn_map,knn_features,kl\n");
                pw.printf(Locale.ROOT, "%d test images (%d per class), perplexity %.0f, %d iterations; %d-NN accuracy "
                        + "(leave one out):%n", samples, samples / test.classNames().size(), perplexity, iterations, k);
                pw.printf(Locale.ROOT, "| encoder | feature | in the 2-D map | in the features | KL |%n|---|---|---|---|---|%n");
                for (CaeFeatureTsne.Score s : scores) {
                    pw.printf(Locale.ROOT, "| %s | %s | %.1f%% | %.1f%% | %.3f |%n", s.encoder(),
                            CaeFeatureTsne.describe(s.feature()), 100 * s.mapAccuracy(), 100 * s.featureAccuracy(), s.kl());
                    csv.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f%n", s.encoder(),
                            s.feature().name().toLowerCase(Locale.ROOT), s.mapAccuracy(), s.featureAccuracy(), s.kl()));
                }
                byte[] bytes = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                io.recon4j.util.AtomicFiles.write(out.resolve("tsne.csv"), o -> o.write(bytes));
            }
            pw.println("pictures: " + out.resolve("tsne-cls.png") + ", " + out.resolve("tsne-patch.png") + "; scores: "
                    + out.resolve("tsne.csv"));
            pw.flush();
            return 0;
        }
    }

    /** {@code recon cae analyze attention}. */
    @Command(name = "attention", mixinStandardHelpOptions = true,
            description = {"Attention maps on Fashion-MNIST test images (one per class by default): the",
                "encoder's last block, cls token to patches (heads averaged, the cls token's own",
                "share left out), and with --probe the attentive probe's query; the smallest set",
                "of patches holding 50%% of the mass is outlined. Recorded from the modules'",
                "own forward pass. Prints the mean size of the 50%% sets."})
    static final class Attention extends ReconCommand {

        @CommandLine.Mixin
        TrainedCae cae;

        @Option(names = "--probe", description = "probe.pth of `recon cae probe --mode attentive` on this encoder.")
        Path probe;

        @Option(names = "--count", defaultValue = "10", description = "Test images, balanced over the classes "
                + "(default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--out", required = true, description = "Output folder (attention.png).")
        Path out;

        @Override
        public Integer call() throws Exception {
            InputFiles.checkpoint(cae.checkpoint);
            InputFiles.require(probe, "--probe");
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("--count must be in [1, 100], got " + count);
            }
            ImageDataset test = FashionMnist.test(cae.data);
            PrintWriter pw = out();
            try (NDManager m = NDManager.newBaseManager()) {
                CaeEncoder encoder = cae.encoder(m);
                AttentiveProbe head = probe == null ? null : ProbeCheckpoint.loadAttentive(probe, m);
                if (probe != null && !ProbeCheckpoint.read(probe).encoder().equals(encoder.identity())) {
                    pw.println("warning: " + probe + " was trained on " + ProbeCheckpoint.read(probe).encoder()
                            + ", not on this encoder (" + encoder.identity() + ")");
                }
                CaeAttentionMaps.Summary s = CaeAttentionMaps.record(encoder, head, test,
                        CaeFeatureTsne.balancedSample(test, count), m);
                Files.createDirectories(out);
                Path png = out.resolve("attention.png");
                CaeAttentionMaps.write(s, test, encoder.config(), test.classNames(), png);
                pw.printf(Locale.ROOT, "50%%-mass set, mean over %d images: encoder last block (cls) %.1f of %d patches%s%n",
                        s.maps().size(), s.encoderSetSize(), s.patches(), head == null ? ""
                                : String.format(Locale.ROOT, "; attentive probe query %.1f of %d", s.probeSetSize(), s.patches()));
                pw.println("picture: " + png);
            }
            pw.flush();
            return 0;
        }
    }
}
