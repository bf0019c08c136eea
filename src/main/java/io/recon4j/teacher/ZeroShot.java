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
import java.util.ArrayList;
import java.util.List;

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
        double[] sim = similarities(feature, classes);
        Integer[] order = new Integer[classes.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> sim[a] != sim[b] ? Double.compare(sim[b], sim[a]) : Integer.compare(a, b));
        return java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray();
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
    public static Result score(float[][] features, int[] labels, java.util.function.Function<float[], int[]> ranker) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " features but " + labels.length + " labels");
        }
        int top1 = 0;
        int top5 = 0;
        int[] pred = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            int[] r = ranker.apply(features[i]);
            pred[i] = r[0];
            top1 += r[0] == labels[i] ? 1 : 0;
            for (int k = 0; k < Math.min(5, r.length); k++) {
                if (r[k] == labels[i]) {
                    top5++;
                    break;
                }
            }
        }
        return new Result(features.length, top1, top5, pred, labels.clone());
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
                                  java.util.function.Function<float[], int[]> ranker, int batchSize, long seed,
                                  NDManager manager) {
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
                            features.add(java.util.Arrays.copyOfRange(f, b * d, (b + 1) * d));
                            labels.add(batch.labels()[b]);
                        }
                    }
                }
            }
        }
        return score(features.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray(), ranker);
    }
}
