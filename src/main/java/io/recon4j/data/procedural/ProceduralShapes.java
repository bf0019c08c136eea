package io.recon4j.data.procedural;

import io.recon4j.cloud.PointCloud;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The embedded default dataset: labelled shapes of {@value #NUM_CLASSES} everyday categories
 * (airplane, bed, bottle, ... vase; see {@link #classNames()}) assembled from parametric parts —
 * boxes, cylinders, cones, ellipsoids, tori, plates and rods — with random proportions, pose, point
 * density, noise, occasional missing parts and clutter, so {@code recon quickstart} runs without a
 * download.
 *
 * <p>Every sample is a pure function of (seed, split, class, index within class): samples can be
 * generated lazily, in any order and on any number of threads with bit-identical results, and
 * raising the per-class count only appends samples. Samples are ordered class by class, like
 * per-class folders. Each cloud has exactly {@code numPoints} points, normalised by pc_norm
 * (centroid 0, largest distance from it 1); y is up and shapes are turned about y at random.
 *
 * <p>Thread-safe: {@link #get} holds no state.
 */
public final class ProceduralShapes implements PointCloudDataset {

    /** Number of categories. */
    public static final int NUM_CLASSES = 16;

    /** Which half of the dataset; train and test samples come from disjoint seeds. */
    public enum Split {
        TRAIN,
        TEST;

        /** @return "train" or "test", as used in ids and names */
        public String dirName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Generation settings.
     *
     * @param seed master seed; different seeds give different datasets
     * @param trainPerClass training shapes per category, ≥ 0
     * @param testPerClass test shapes per category, ≥ 0
     * @param numPoints points per cloud N, ≥ 1
     * @param noise standard deviation of the Gaussian jitter added to each normalised coordinate, ≥ 0
     */
    public record Config(long seed, int trainPerClass, int testPerClass, int numPoints, double noise) {

        /** Default master seed. */
        public static final long DEFAULT_SEED = 42;

        public Config {
            if (trainPerClass < 0 || testPerClass < 0) {
                throw new IllegalArgumentException("shapes per class must be ≥ 0, got train=" + trainPerClass
                        + ", test=" + testPerClass);
            }
            if ((long) Math.max(trainPerClass, testPerClass) * NUM_CLASSES > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many shapes per class: " + Math.max(trainPerClass, testPerClass));
            }
            if (numPoints < 1) {
                throw new IllegalArgumentException("numPoints must be ≥ 1, got " + numPoints);
            }
            if (!(noise >= 0 && Double.isFinite(noise))) {
                throw new IllegalArgumentException("noise must be finite and ≥ 0, got " + noise);
            }
        }

        /** @return seed 42, 100 train + 30 test shapes per class, 1024 points, noise 0.01 */
        public static Config defaults() {
            return new Config(DEFAULT_SEED, 100, 30, 1024, 0.01);
        }

        /** @return this config with another seed */
        public Config withSeed(long newSeed) {
            return new Config(newSeed, trainPerClass, testPerClass, numPoints, noise);
        }

        /** @return this config with other per-class counts */
        public Config withCounts(int newTrainPerClass, int newTestPerClass) {
            return new Config(seed, newTrainPerClass, newTestPerClass, numPoints, noise);
        }

        /** @return this config with another number of points per cloud */
        public Config withNumPoints(int newNumPoints) {
            return new Config(seed, trainPerClass, testPerClass, newNumPoints, noise);
        }

        /** @return this config with another noise level */
        public Config withNoise(double newNoise) {
            return new Config(seed, trainPerClass, testPerClass, numPoints, newNoise);
        }

        int perClass(Split split) {
            return split == Split.TRAIN ? trainPerClass : testPerClass;
        }
    }

    private final Config config;
    private final Split split;
    private final int perClass;

    /**
     * @param config generation settings
     * @param split which half
     */
    public ProceduralShapes(Config config, Split split) {
        this.config = Objects.requireNonNull(config, "config");
        this.split = Objects.requireNonNull(split, "split");
        this.perClass = config.perClass(split);
    }

    /** @return the training half for {@code config} */
    public static ProceduralShapes train(Config config) {
        return new ProceduralShapes(config, Split.TRAIN);
    }

    /** @return the test half for {@code config} */
    public static ProceduralShapes test(Config config) {
        return new ProceduralShapes(config, Split.TEST);
    }

    /** @return the settings this dataset was made with */
    public Config config() {
        return config;
    }

    /** @return which half this is */
    public Split split() {
        return split;
    }

    @Override
    public int size() {
        return perClass * NUM_CLASSES;
    }

    /**
     * Generates sample {@code index}: class {@code index / perClass}, number {@code index % perClass}
     * within it, id like {@code "train/chair_0007"}. Never throws IOException.
     */
    @Override
    public Sample get(int index) {
        Objects.checkIndex(index, size());
        int label = index / perClass;
        int within = index % perClass;
        Category category = Category.values()[label];
        long seed = SeededRandom.derive(config.seed(), split.ordinal(), label, within);
        float[] xyz = ShapeGenerator.generate(category, seed, config.numPoints(), config.noise());
        return new Sample(new PointCloud(xyz), label, id(label, within));
    }

    /** The label without generating the cloud: class {@code index / perClass}. */
    @Override
    public int labelOf(int index) {
        Objects.checkIndex(index, size());
        return index / perClass;
    }

    /** The id without generating the cloud (the same as {@link #get}'s). */
    @Override
    public String idOf(int index) {
        Objects.checkIndex(index, size());
        return id(index / perClass, index % perClass);
    }

    private String id(int label, int within) {
        return String.format(Locale.ROOT, "%s/%s_%04d", split.dirName(), Category.values()[label].word, within);
    }

    /** @return the {@value #NUM_CLASSES} category words in label order, airplane … vase */
    @Override
    public List<String> classNames() {
        return Category.words();
    }

    /** @return e.g. {@code "procedural(seed=42)/train"} */
    @Override
    public String name() {
        return "procedural(seed=" + config.seed() + ")/" + split.dirName();
    }

    /**
     * Generates every sample (in parallel) and describes them: per class the count and the mean
     * extent of the normalised clouds along x, y (up) and z.
     *
     * @return a small plain-text table, one line per class
     */
    public String summary() {
        double[][] extents = new double[size()][];
        IntStream.range(0, size()).parallel().forEach(i -> {
            float[] box = get(i).points().boundingBox();
            extents[i] = new double[] {box[3] - box[0], box[4] - box[1], box[5] - box[2]};
        });
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d shapes, %d classes, %d points each, noise %.3f%n",
                name(), size(), NUM_CLASSES, config.numPoints(), config.noise()));
        out.append(String.format(Locale.ROOT, "%-10s %6s %8s %6s %6s   (mean extents; y is up)%n", "class", "count",
                "x", "y", "z"));
        for (int c = 0; c < NUM_CLASSES; c++) {
            double[] sum = new double[3];
            for (int i = c * perClass; i < (c + 1) * perClass; i++) {
                for (int a = 0; a < 3; a++) {
                    sum[a] += extents[i][a];
                }
            }
            double k = Math.max(perClass, 1);
            out.append(String.format(Locale.ROOT, "%-10s %6d %8.2f %6.2f %6.2f%n", classNames().get(c), perClass,
                    sum[0] / k, sum[1] / k, sum[2] / k));
        }
        return out.toString();
    }
}
