package io.recon4j.protocol;

import ai.djl.ndarray.NDManager;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.model.ReconConfig;
import io.recon4j.model.ZeroShotModel;
import io.recon4j.teacher.ClassLabels;
import io.recon4j.teacher.FeatureCache;
import io.recon4j.teacher.LabelBridge;
import io.recon4j.teacher.TextTeacher;
import io.recon4j.teacher.ZeroShot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Zero-shot classification of point-cloud splits by a pretraining checkpoint ({@code recon zeroshot}): each shape's
 * point feature against the text teacher's embeddings of the class names (the paper), or — a named deviation,
 * docs/teachers.md — the image query read as an image classifier's logits and ranked through class names matched
 * to its labels (the label bridge).
 */
public final class ZeroShotRun {

    private ZeroShotRun() {
    }

    private static String lower(ZeroShotModel.Type t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    /** What to score and how; {@link #builder(Path, ReconConfig, TextTeacher)}. */
    public static final class Options {
        final Path weights;
        final ReconConfig config;
        final TextTeacher text;
        ZeroShotModel.Type type = ZeroShotModel.Type.TEXT;
        float ratio = 0.2f;
        Path bridgeLabels;
        int bridgeK = 3;
        FeatureCache cache;
        int batchSize = 32;
        long seed;
        boolean transductive;

        private Options(Path weights, ReconConfig config, TextTeacher text) {
            this.weights = Objects.requireNonNull(weights, "weights");
            this.config = Objects.requireNonNull(config, "config");
            if (text == null) {
                throw new IllegalArgumentException("zero-shot needs the text teacher the model was pretrained with "
                        + "(--text-teacher minilm)");
            }
            this.text = text;
        }

        /** Point feature: text, image or full (default text). */
        public Options optType(ZeroShotModel.Type t) {
            type = Objects.requireNonNull(t);
            return this;
        }

        /** Text weight of the full feature (official 0.2 ModelNet10, 0.25 ModelNet40). */
        public Options optRatio(float r) {
            ratio = r;
            return this;
        }

        /** Route through an image classifier's labels: {@code k} labels matched per class name. */
        public Options optBridge(Path labels, int k) {
            bridgeLabels = labels;
            bridgeK = k;
            return this;
        }

        /** Teacher feature cache for the class-name embeddings (none by default). */
        public Options optCache(FeatureCache c) {
            cache = c;
            return this;
        }

        /**
         * Name clusters of the scored shapes instead of each shape alone ({@link ZeroShot#scoreTransductive}, a
         * named deviation); default off, the paper's per-shape zero-shot.
         */
        public Options optTransductive(boolean on) {
            transductive = on;
            return this;
        }

        /** Shapes per forward pass and the seed of their random point subsets. */
        public Options optBatch(int size, long subsetSeed) {
            batchSize = size;
            seed = subsetSeed;
            return this;
        }
    }

    /**
     * @param weights the pretraining checkpoint
     * @param config its architecture
     * @param text the text teacher it was pretrained with
     * @throws IllegalArgumentException without a text teacher, before any work
     */
    public static Options builder(Path weights, ReconConfig config, TextTeacher text) {
        return new Options(weights, config, text);
    }

    /**
     * @param route text, image, full or "image, label bridge"
     * @param data the scored splits' names
     * @param names the class names scored against, indexed by label
     * @param ids the scored shapes' ids, in the order of {@code scores}' predictions
     * @param scores top-1 and top-5 over the shapes, with each shape's best class
     * @param bridge the label matches when the bridge was used, else empty
     */
    public record Result(String route, String data, List<String> names, List<String> ids, ZeroShot.Result scores,
                         String bridge) {

        /** @throws IllegalArgumentException when the ids and the scored shapes differ in number */
        public Result {
            names = List.copyOf(names);
            ids = List.copyOf(ids);
            if (ids.size() != scores.samples()) {
                throw new IllegalArgumentException(ids.size() + " shape ids for " + scores.samples() + " scored shapes");
            }
        }

        /**
         * @return the bridge's matches (if any), one summary line, as {@code recon zeroshot} prints them, and how often
         *     each name was given beside how often it was right to give it: a route that names nearly every shape
         *     alike scores the largest class's share, and this line shows it
         */
        public String toText() {
            int[] given = new int[names.size()];
            int[] truth = new int[names.size()];
            for (int i = 0; i < scores.samples(); i++) {
                given[scores.predictions()[i]]++;
                truth[scores.labels()[i]]++;
            }
            String counts = IntStream.range(0, names.size()).mapToObj(c -> names.get(c) + " " + given[c] + "/" + truth[c])
                    .collect(Collectors.joining(", "));
            return (bridge.isEmpty() ? "" : "label bridge:\n" + bridge) + String.format(Locale.ROOT,
                    "zero-shot (%s) on %s: %d shapes, %d classes: top-1 %.2f%%, top-5 %.2f%%%n", route, data,
                    scores.samples(), names.size(), scores.top1(), scores.top5())
                    + "names given / true: " + counts + "\n";
        }

        /** @return each shape's id, label and predicted class, one column named by the route ({@link TestPredictions}) */
        public TestPredictions predictions() {
            return new TestPredictions(names, ids, scores.labels(), Map.of(route, scores.predictions()));
        }
    }

    /**
     * @param splits the shapes to classify; the class names are the first split's
     * @throws IllegalArgumentException when the point feature and the class embeddings live in different spaces
     */
    public static Result run(Options o, List<PointCloudDataset> splits, NDManager manager) throws IOException {
        List<String> names = splits.get(0).classNames();
        String data = splits.stream().map(PointCloudDataset::name).collect(Collectors.joining(" + "));
        ZeroShotModel zs = ZeroShotModel.load(o.weights, o.config, o.type, o.ratio, manager);
        List<String> ids = new ArrayList<>();
        for (PointCloudDataset split : splits) {
            ids.addAll(TestPredictions.idsOf(split));
        }
        if (o.bridgeLabels != null) {
            ClassLabels labels = ClassLabels.read(o.bridgeLabels);
            if (o.type != ZeroShotModel.Type.IMAGE || zs.dimension() != labels.size()) {
                throw new IllegalArgumentException("--bridge-labels reads the image query as logits over the " + labels.size()
                        + " labels of " + o.bridgeLabels + ": it needs --type image and a checkpoint distilled into those "
                        + "logits (" + o.weights + " projects to " + zs.dimension() + "-d for --type " + lower(o.type) + ")");
            }
            LabelBridge bridge = LabelBridge.match(labels, names, o.text, o.cache, o.bridgeK, 0.1);
            // Log-probabilities: the per-shape ranking is unchanged, a cluster's mean is not outvoted by one shape.
            ZeroShot.Result r = score(o, zs, splits, bridge::logScores, names.size(), manager);
            return new Result(route(o, "image, label bridge"), data, names, ids, r, bridge.describe());
        }
        if (zs.dimension() != o.text.dimension()) {
            // Class embeddings live in the text teacher's space, so the point feature must too.
            throw new IllegalArgumentException(o.weights + " projects to " + zs.dimension() + "-d for --type "
                    + lower(o.type) + ", the text teacher gives " + o.text.dimension() + "-d: the features cannot be compared");
        }
        float[][] classes = ZeroShot.classEmbeddings(o.text, names, o.cache);
        ZeroShot.Result r = score(o, zs, splits, f -> ZeroShot.similarities(f, classes), names.size(), manager);
        return new Result(route(o, lower(o.type)), data, names, ids, r, "");
    }

    private static String route(Options o, String route) {
        return o.transductive ? route + ", transductive naming" : route;
    }

    /** Per shape: its best-scored classes (ties: lower index); transductive: its cluster's name. */
    private static ZeroShot.Result score(Options o, ZeroShotModel zs, List<PointCloudDataset> splits,
                                         Function<float[], double[]> scorer, int classes, NDManager manager) {
        ZeroShot.Features f = ZeroShot.extract(zs, o.config, splits, o.batchSize, o.seed, manager);
        if (o.transductive) {
            return ZeroShot.scoreTransductive(f.rows(), f.labels(), scorer, classes, o.seed);
        }
        return ZeroShot.score(f.rows(), f.labels(), x -> ZeroShot.byScore(scorer.apply(x)));
    }
}
