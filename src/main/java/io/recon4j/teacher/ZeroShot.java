package io.recon4j.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.data.Batch;
import io.recon4j.data.DataLoader;
import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.PointTransform;
import io.recon4j.data.Transforms;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ZeroShotModel;
import java.io.IOException;
import io.recon4j.eval.Assignment;
import io.recon4j.eval.KMeans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Zero-shot classification as the official {@code runner_zeroshot.py}: each class is the unnormalised sum of
 * the text teacher's features over the 60 prompts of its name; a shape is assigned to the class of highest
 * cosine similarity with its point feature ({@link ZeroShotModel}). Reports top-1 and top-5 accuracy.
 */
public final class ZeroShot {

    private ZeroShot() {
    }

    /**
     * Outcome of a zero-shot evaluation.
     *
     * @param samples shapes scored
     * @param top1Correct shapes whose best class is right
     * @param top5Correct shapes whose right class is among the best five (all classes if there are fewer)
     * @param predictions best class per shape, in evaluation order
     * @param labels true class per shape, in the same order
     */
    public record Result(int samples, int top1Correct, int top5Correct, int[] predictions, int[] labels) {
        /** @return top-1 accuracy in percent */
        public double top1() {
            return samples == 0 ? Double.NaN : 100.0 * top1Correct / samples;
        }

        /** @return top-5 accuracy in percent */
        public double top5() {
            return samples == 0 ? Double.NaN : 100.0 * top5Correct / samples;
        }
    }

    /**
     * @param teacher the text teacher the model was pretrained with
     * @param names class names, indexed by label (used verbatim, as the official code does, e.g. "night_stand")
     * @param cache feature cache (prompt features are shared with pretraining)
     * @return (K, D) class embeddings: sum over {@link Prompts#all} of the teacher's features
     */
    public static float[][] classEmbeddings(TextTeacher teacher, List<String> names, FeatureCache cache) throws IOException {
        return classEmbeddings(teacher, names, p -> DistillationTargets.cachedPrompt(teacher, cache, p));
    }

    /** As {@link #classEmbeddings(TextTeacher, List, FeatureCache)} without a cache (the library's zero-shot). */
    public static float[][] classEmbeddings(TextTeacher teacher, List<String> names) throws IOException {
        return classEmbeddings(teacher, names, teacher::embed);
    }

    /** The teacher's feature of one prompt, possibly cached. */
    private interface PromptFeature {
        float[] of(String prompt) throws IOException;
    }

    private static float[][] classEmbeddings(TextTeacher teacher, List<String> names, PromptFeature feature) throws IOException {
        float[][] out = new float[names.size()][teacher.dimension()];
        for (int c = 0; c < names.size(); c++) {
            for (String p : Prompts.all(names.get(c))) {
                float[] f = feature.of(p);
                for (int d = 0; d < f.length; d++) {
                    out[c][d] += f[d];
                }
            }
        }
        return out;
    }

    /**
     * @param feature a point feature (D)
     * @param classes (K, D) class embeddings
     * @return class indices by decreasing cosine similarity (ties: lower index first)
     */
    public static int[] rank(float[] feature, float[][] classes) {
        return byScore(similarities(feature, classes));
    }

    /**
     * @param scores one per class, higher is better
     * @return class indices by decreasing score (ties: lower index first)
     */
    public static int[] byScore(double[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param feature a point feature (D)
     * @param classes (K, D) class embeddings
     * @return the K cosine similarities, as {@code torch.nn.CosineSimilarity}
     */
    public static double[] similarities(float[] feature, float[][] classes) {
        double[] sim = new double[classes.length];
        double nf = norm(feature);
        for (int c = 0; c < classes.length; c++) {
            if (classes[c].length != feature.length) {
                throw new IllegalArgumentException("class " + c + " embedding has " + classes[c].length
                        + " values, the point feature " + feature.length);
            }
            double dot = 0;
            for (int d = 0; d < feature.length; d++) {
                dot += (double) feature[d] * classes[c][d];
            }
            // torch.nn.CosineSimilarity clamps each norm at eps = 1e-8.
            sim[c] = dot / (Math.max(nf, 1e-8) * Math.max(norm(classes[c]), 1e-8));
        }
        return sim;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * The official input sampling for {@code npoints}; sizes without an official FPS pool (e.g. Nano's 512) use the
     * same 1200/1024 ratio.
     */
    static PointTransform inputSampling(int npoints) {
        try {
            return DatasetPipelines.zeroShot(npoints);
        } catch (IllegalArgumentException e) {
            return Transforms.fpsThenRandomSubset((int) Math.round(npoints * 1200 / 1024.0), npoints);
        }
    }

    /**
     * Scores point features against class embeddings.
     *
     * @param features (S, D) one row per shape
     * @param classes (K, D)
     * @param labels S true labels
     */
    public static Result score(float[][] features, float[][] classes, int[] labels) {
        return score(features, labels, f -> rank(f, classes));
    }

    /**
     * Scores point features with any ranking of the classes (e.g. {@link LabelBridge#rank}).
     *
     * @param features (S, D) one row per shape
     * @param labels S true labels
     * @param ranker a feature → class indices, best first
     */
    public static Result score(float[][] features, int[] labels, Function<float[], int[]> ranker) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " features but " + labels.length + " labels");
        }
        int[][] ranks = new int[features.length][];
        for (int i = 0; i < features.length; i++) {
            ranks[i] = ranker.apply(features[i]);
        }
        return fromRanks(ranks, labels);
    }

    /** Top-1 and top-5 from each shape's class ranking (best first). */
    private static Result fromRanks(int[][] ranks, int[] labels) {
        int top1 = 0;
        int top5 = 0;
        int[] pred = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            int[] r = ranks[i];
            pred[i] = r[0];
            top1 += r[0] == labels[i] ? 1 : 0;
            for (int k = 0; k < Math.min(5, r.length); k++) {
                if (r[k] == labels[i]) {
                    top5++;
                    break;
                }
            }
        }
        return new Result(ranks.length, top1, top5, pred, labels.clone());
    }

    /**
     * Runs the model over datasets and scores it. Input sampling is the official one: FPS to the pool (1200 for
     * 1024 points), then a random {@code npoints} subset, seeded; no voting.
     *
     * @param model the zero-shot model
     * @param config its architecture (points, groups)
     * @param splits datasets to score together (the official default is train + test; the paper now reports test)
     * @param classes (K, D) class embeddings
     * @param batchSize batch size
     * @param seed seed of the point subsets
     */
    public static Result evaluate(ZeroShotModel model, ReconConfig config, List<PointCloudDataset> splits, float[][] classes,
                                  int batchSize, long seed, NDManager manager) {
        return evaluate(model, config, splits, f -> rank(f, classes), batchSize, seed, manager);
    }

    /** As {@link #evaluate(ZeroShotModel, ReconConfig, List, float[][], int, long, NDManager)}, ranking by {@code ranker}. */
    public static Result evaluate(ZeroShotModel model, ReconConfig config, List<PointCloudDataset> splits,
                                  Function<float[], int[]> ranker, int batchSize, long seed, NDManager manager) {
        Features f = extract(model, config, splits, batchSize, seed, manager);
        return score(f.rows(), f.labels(), ranker);
    }

    /**
     * Point features of shapes with their true labels.
     *
     * @param rows (S, D) one point feature per shape, in loader order
     * @param labels S true labels
     */
    public record Features(float[][] rows, int[] labels) {
    }

    /**
     * Runs the model over datasets with the official input sampling (see {@link #evaluate}) and keeps the features.
     *
     * @param splits datasets, one after the other
     */
    public static Features extract(ZeroShotModel model, ReconConfig config, List<PointCloudDataset> splits, int batchSize,
                                   long seed, NDManager manager) {
        List<float[]> features = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (PointCloudDataset data : splits) {
            try (DataLoader loader = DataLoader.builder(data).transform(inputSampling(config.numPoints()))
                    .batchSize(batchSize).seed(seed).build()) {
                for (Batch batch : loader.epoch(0)) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray points = step.create(batch.points(), new Shape(batch.size(), batch.numPoints(), 3));
                        float[] f = model.features(new ParameterStore(step, false), points).toFloatArray();
                        int d = model.dimension();
                        for (int b = 0; b < batch.size(); b++) {
                            features.add(Arrays.copyOfRange(f, b * d, (b + 1) * d));
                            labels.add(batch.labels()[b]);
                        }
                    }
                }
            }
        }
        return new Features(features.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Transductive naming, a named deviation (docs/teachers.md): the shapes are clustered into as many groups as
     * there are classes (k-means on centred, unit-length features, 10 restarts), each cluster's class scores are
     * the mean of its members', and the clusters are named one-to-one (Hungarian) so the summed score is largest.
     * A shape's ranking is its cluster's name, then the other classes by the cluster's mean scores. It sees the
     * test shapes together (never their labels) and assumes every class occurs among them.
     *
     * @param features (S, D) one row per shape, S ≥ K
     * @param labels S true labels
     * @param scorer a feature → its K class scores, higher is better and additive over shapes (e.g. log-probabilities
     *     or cosine similarities): a cluster is scored by their mean
     * @param classes K
     * @param seed seeds the k-means restarts
     */
    public static Result scoreTransductive(float[][] features, int[] labels, Function<float[], double[]> scorer, int classes,
                                           long seed) {
        int n = features.length;
        if (n != labels.length) {
            throw new IllegalArgumentException(n + " features but " + labels.length + " labels");
        }
        if (n < classes) {
            throw new IllegalArgumentException("transductive naming needs at least one shape per class: " + n
                    + " shapes, " + classes + " classes");
        }
        int[] cluster = KMeans.fit(centredUnitRows(features), features[0].length, classes, 50, 10, seed).assignment();
        double[][] mean = new double[classes][classes];
        int[] size = new int[classes];
        for (int i = 0; i < n; i++) {
            double[] sc = scorer.apply(features[i]);
            if (sc.length != classes) {
                throw new IllegalArgumentException("the scorer gave " + sc.length + " scores for " + classes + " classes");
            }
            size[cluster[i]]++;
            for (int c = 0; c < classes; c++) {
                mean[cluster[i]][c] += sc[c];
            }
        }
        for (int g = 0; g < classes; g++) {
            for (int c = 0; size[g] > 0 && c < classes; c++) {
                mean[g][c] /= size[g];
            }
        }
        int[] name = Assignment.maximize(mean);
        int[][] order = new int[classes][];
        for (int g = 0; g < classes; g++) {
            double[] m = mean[g];
            int named = name[g];
            order[g] = IntStream.range(0, classes).boxed()
                    .sorted((a, b) -> a == named ? -1 : b == named ? 1 : m[a] != m[b] ? Double.compare(m[b], m[a]) : Integer.compare(a, b))
                    .mapToInt(Integer::intValue).toArray();
        }
        int[][] ranks = new int[n][];
        for (int i = 0; i < n; i++) {
            ranks[i] = order[cluster[i]];
        }
        return fromRanks(ranks, labels);
    }

    /** Centred (the mean row removed: logits share a large common part) and scaled to unit length, row-major. */
    private static float[] centredUnitRows(float[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        for (float[] r : rows) {
            if (r.length != d) {
                throw new IllegalArgumentException("features of " + d + " and " + r.length + " values");
            }
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / (double) n;
            }
        }
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double v = rows[i][j] - mean[j];
                norm += v * v;
            }
            double inv = 1 / Math.max(Math.sqrt(norm), 1e-12);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) ((rows[i][j] - mean[j]) * inv);
            }
        }
        return out;
    }
}
