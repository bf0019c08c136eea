package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.recon4j.analysis.NeighbourAccuracy;
import io.recon4j.analysis.ScatterPanels;
import io.recon4j.analysis.TSne;
import io.recon4j.image.ImageDataset;
import io.recon4j.probe.FrozenEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CAE paper's t-SNE figure on Fashion-MNIST: the encoder's features of a class-balanced sample of test images,
 * mapped to 2-D by {@link TSne}, coloured by class, one panel per encoder (pretrained beside random init). Two
 * features per image: the cls token, and the patch tokens averaged (one point per image, since Fashion-MNIST has
 * a class per image, not per patch). How well each map separates the categories is measured, not only pictured:
 * leave-one-out k-NN accuracy in the map, and in the features themselves.
 *
 * <p>Axis letters: B images, P patches, D token width.
 */
public final class CaeFeatureTsne {

    /** The features drawn. */
    public enum Feature {
        /** Token 0 after the final LayerNorm: what the linear probe reads. */
        CLS,
        /** The P patch tokens averaged. */
        PATCH_MEAN
    }

    /**
     * One encoder to map.
     *
     * @param label panel title, e.g. "pretrained" or "random init"
     * @param encoder the frozen encoder
     */
    public record Encoder(String label, FrozenEncoder encoder) {
    }

    /**
     * One map's scores.
     *
     * @param encoder the encoder's label
     * @param feature which feature
     * @param mapAccuracy leave-one-out k-NN accuracy in the 2-D map, in [0, 1]
     * @param featureAccuracy the same in the D-dimensional features
     * @param kl the map's final KL(P‖Q)
     */
    public record Score(String encoder, Feature feature, double mapAccuracy, double featureAccuracy, double kl) {
    }

    /**
     * @param samples images to map, split evenly over the classes
     * @param perplexity t-SNE perplexity
     * @param iterations t-SNE iterations
     * @param seed t-SNE seed
     * @param k neighbours of the accuracy
     */
    public record Options(int samples, double perplexity, int iterations, long seed, int k) {
        /** Checks the ranges. */
        public Options {
            if (samples < 10 || samples > MAX_SAMPLES) {
                throw new IllegalArgumentException("--samples must be in [10, " + MAX_SAMPLES + "] (exact t-SNE is O(N²)), got "
                        + samples);
            }
            TSne.builder().optPerplexity(perplexity).optIterations(iterations).build();
            if (samples <= 3 * perplexity) {
                throw new IllegalArgumentException("perplexity " + perplexity + " needs more than " + (int) (3 * perplexity)
                        + " samples, got " + samples);
            }
        }
    }

    /** Exact t-SNE keeps N² doubles several times over: 5,000 points take about 1 GB. */
    static final int MAX_SAMPLES = 5000;
    private static final int ENCODE_BATCH = 250;

    private CaeFeatureTsne() {
    }

    /**
     * Maps every encoder's two features and writes {@code tsne-cls.png} and {@code tsne-patch.png} (one panel per
     * encoder, in the order given) and the scores, {@code tsne.csv}, into {@code dir}.
     *
     * @param encoders the encoders to compare (same input size)
     * @param test normalised test images
     * @param options sample size and t-SNE settings
     * @param dir output folder (created if missing)
     * @param manager owner of the per-batch arrays
     * @return one score per (encoder, feature), encoders first
     */
    public static List<Score> write(List<Encoder> encoders, ImageDataset test, Options options, Path dir, NDManager manager)
            throws IOException {
        int[] sample = balancedSample(test, options.samples());
        int[] labels = new int[sample.length];
        for (int i = 0; i < sample.length; i++) {
            labels[i] = test.label(sample[i]);
        }
        TSne tsne = TSne.builder().optPerplexity(options.perplexity()).optIterations(options.iterations())
                .optSeed(options.seed()).build();
        List<Score> scores = new ArrayList<>();
        List<List<ScatterPanels.Panel>> panels = List.of(new ArrayList<>(), new ArrayList<>());
        for (Encoder e : encoders) {
            float[][] features = features(e.encoder(), test, sample, manager);
            int d = e.encoder().dim();
            for (Feature f : Feature.values()) {
                float[] x = features[f.ordinal()];
                TSne.Result r = tsne.embed(x, sample.length, d);
                double inMap = NeighbourAccuracy.leaveOneOut(r.map(), sample.length, 2, labels, options.k());
                double inFeatures = NeighbourAccuracy.leaveOneOut(x, sample.length, d, labels, options.k());
                scores.add(new Score(e.label(), f, inMap, inFeatures, r.finalKl()));
                String title = e.label() + ": " + describe(f) + String.format(Locale.ROOT,
                        "\n%d-NN accuracy: map %.1f%%, features %.1f%%; KL %.2f", options.k(), 100 * inMap, 100 * inFeatures,
                        r.finalKl());
                panels.get(f.ordinal()).add(new ScatterPanels.Panel(title, r.map(), labels));
            }
        }
        java.nio.file.Files.createDirectories(dir);
        ScatterPanels.write(panels.get(Feature.CLS.ordinal()), test.classNames(), dir.resolve("tsne-cls.png"));
        ScatterPanels.write(panels.get(Feature.PATCH_MEAN.ordinal()), test.classNames(), dir.resolve("tsne-patch.png"));
        byte[] csv = toCsv(scores).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        io.recon4j.util.AtomicFiles.write(dir.resolve("tsne.csv"), o -> o.write(csv));
        return scores;
    }

    /** @return the scores as CSV (encoder, feature, k-NN accuracy in the map and in the features, KL), as tsne.csv */
    public static String toCsv(List<Score> scores) {
        StringBuilder csv = new StringBuilder("encoder,feature,knn_map,knn_features,kl\n");
        for (Score s : scores) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f%n", s.encoder(),
                    s.feature().name().toLowerCase(Locale.ROOT), s.mapAccuracy(), s.featureAccuracy(), s.kl()));
        }
        return csv.toString();
    }

    /** @return the scores as a Markdown table, accuracies in percent */
    public static String toMarkdown(List<Score> scores) {
        StringBuilder md = new StringBuilder("| encoder | feature | in the 2-D map | in the features | KL |\n|---|---|---|---|---|\n");
        for (Score s : scores) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f%% | %.1f%% | %.3f |%n", s.encoder(), describe(s.feature()),
                    100 * s.mapAccuracy(), 100 * s.featureAccuracy(), s.kl()));
        }
        return md.toString();
    }

    /** @return a short name of the feature */
    public static String describe(Feature f) {
        return f == Feature.CLS ? "cls token" : "patch tokens (mean)";
    }

    /**
     * The first {@code count / classes} test images of each class (the remainder to the first classes), in dataset
     * order: the same images for every encoder and run.
     */
    public static int[] balancedSample(ImageDataset data, int count) {
        int classes = data.classNames().size();
        int[] quota = new int[classes];
        for (int c = 0; c < classes; c++) {
            quota[c] = count / classes + (c < count % classes ? 1 : 0);
        }
        int[] picked = new int[count];
        int n = 0;
        for (int i = 0; i < data.size() && n < count; i++) {
            int c = data.label(i);
            if (quota[c] > 0) {
                quota[c]--;
                picked[n++] = i;
            }
        }
        if (n < count) {
            throw new IllegalArgumentException(data.name() + " has too few images of some class for a balanced sample of "
                    + count);
        }
        return picked;
    }

    /** @return {cls (B·D), patch mean (B·D)} of the sampled images */
    private static float[][] features(FrozenEncoder encoder, ImageDataset data, int[] sample, NDManager manager) {
        int d = encoder.dim();
        float[] cls = new float[sample.length * d];
        float[] patch = new float[sample.length * d];
        for (int from = 0; from < sample.length; from += ENCODE_BATCH) {
            int to = Math.min(sample.length, from + ENCODE_BATCH);
            try (NDManager m = manager.newSubManager()) {
                NDArray tokens = encoder.encode(ImageBatches.load(data, java.util.Arrays.copyOfRange(sample, from, to), m));
                System.arraycopy(tokens.get(new NDIndex(":, 0, :")).toFloatArray(), 0, cls, from * d, (to - from) * d);
                System.arraycopy(tokens.get(new NDIndex(":, 1:, :")).mean(new int[] {1}).toFloatArray(), 0, patch, from * d,
                        (to - from) * d);
            }
        }
        return new float[][] {cls, patch};
    }
}
