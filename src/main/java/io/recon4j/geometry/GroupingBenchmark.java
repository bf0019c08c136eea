package io.recon4j.geometry;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.recon4j.util.NumericPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Grouping throughput: the plain-Java kernels of this package against the naive DJL formulation
 * (FPS as a loop of NDArray ops, kNN as an all-pairs distance matrix plus {@code topK}), on random
 * normalised clouds, in the same run. Backs {@code recon bench grouping}.
 */
public final class GroupingBenchmark {

    /** One benchmark shape: B clouds of N points, G groups of K points. */
    public record Config(int batch, int numPoints, int numGroups, int groupSize) {
        @Override
        public String toString() {
            return "B=" + batch + " N=" + numPoints + " G=" + numGroups + " K=" + groupSize;
        }
    }

    /** ReCon's two common shapes: ModelNet/ShapeNet (1024 points, 64x32) and ScanObjectNN (2048, 128x32). */
    public static final List<Config> DEFAULT_CONFIGS =
            List.of(new Config(32, 1024, 64, 32), new Config(32, 2048, 128, 32));

    private GroupingBenchmark() {}

    /** Runs the default benchmark and prints the Markdown table. */
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        System.out.println(run(DEFAULT_CONFIGS, 5, 21));
    }

    /**
     * Measures every method on every config and formats the result.
     *
     * @param warmup untimed repetitions per method and config
     * @param repetitions timed repetitions (the median is reported); at least 1
     * @return a Markdown table plus a line describing the machine
     */
    public static String run(List<Config> configs, int warmup, int repetitions) {
        if (repetitions < 1 || warmup < 0) {
            throw new IllegalArgumentException("need repetitions >= 1 and warmup >= 0, got " + repetitions + ", " + warmup);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Machine: %d cores (%s), Java %s, common pool parallelism %d (+ caller); "
                + "median of %d runs after %d warm-up; load average at start %s.%n%n",
                Runtime.getRuntime().availableProcessors(), NumericPath.cpu(), System.getProperty("java.version"),
                ForkJoinPool.getCommonPoolParallelism(), repetitions, warmup, loadAverage()));
        sb.append("| config | method | phase | ms/batch (median) | ms/batch (min) | clouds/s |\n");
        sb.append("|---|---|---|---:|---:|---:|\n");
        for (Config c : configs) {
            float[] points = normalisedClouds(new Random(42), c.batch(), c.numPoints());
            int[] fps = FarthestPointSampler.sample(points, c.batch(), c.numPoints(), c.numGroups());
            float[] centers = PointGrouper.gather(points, c.numPoints(), fps, c.numGroups());
            List<Row> rows = new ArrayList<>();
            rows.add(time("Java, 1 thread", "FPS", warmup, repetitions,
                    () -> FarthestPointSampler.sample(points, c.batch(), c.numPoints(), c.numGroups(), false)));
            rows.add(time("Java, parallel", "FPS", warmup, repetitions,
                    () -> FarthestPointSampler.sample(points, c.batch(), c.numPoints(), c.numGroups(), true)));
            rows.add(time("Java, 1 thread", "kNN", warmup, repetitions,
                    () -> javaKnn(points, centers, c, false)));
            rows.add(time("Java, parallel", "kNN", warmup, repetitions,
                    () -> javaKnn(points, centers, c, true)));
            rows.add(time("Java, 1 thread", "FPS+kNN", warmup, repetitions, () -> PointGrouper.group(points,
                    c.batch(), c.numPoints(), c.numGroups(), c.groupSize(), KnnGrouper.Order.INDEX, false)));
            rows.add(time("Java, parallel", "FPS+kNN", warmup, repetitions, () -> PointGrouper.group(points,
                    c.batch(), c.numPoints(), c.numGroups(), c.groupSize())));
            try (NDManager root = NDManager.newBaseManager()) {
                rows.add(time("DJL ops", "FPS", warmup, repetitions, () -> inScope(root, m ->
                        djlFps(m.create(points, new Shape(c.batch(), c.numPoints(), 3)), c.numGroups()).toLongArray())));
                rows.add(time("DJL ops", "kNN", warmup, repetitions, () -> inScope(root, m -> {
                    NDArray p = m.create(points, new Shape(c.batch(), c.numPoints(), 3));
                    NDArray idx = m.create(Arrays.stream(fps).asLongStream().toArray(), new Shape(c.batch(), c.numGroups()));
                    return djlKnn(p, idx, c.groupSize()).get(1).toFloatArray();
                })));
                rows.add(time("DJL ops", "FPS+kNN", warmup, repetitions, () -> inScope(root, m -> {
                    NDArray p = m.create(points, new Shape(c.batch(), c.numPoints(), 3));
                    return djlKnn(p, djlFps(p, c.numGroups()), c.groupSize()).get(1).toFloatArray();
                })));
            }
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.0f |%n", c, r.method, r.phase,
                        r.medianMs, r.minMs, c.batch() * 1000.0 / r.medianMs));
            }
        }
        sb.append(String.format(Locale.ROOT, "%nLoad average at end %s.%n", loadAverage()));
        return sb.toString();
    }

    private record Row(String method, String phase, double medianMs, double minMs) {}

    private static Row time(String method, String phase, int warmup, int repetitions, Supplier<Object> work) {
        Object sink = null;
        for (int i = 0; i < warmup; i++) {
            sink = work.get();
        }
        double[] ms = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            sink = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == null) {
            throw new IllegalStateException(method + " " + phase + " returned nothing");
        }
        Arrays.sort(ms);
        double median = repetitions % 2 == 1 ? ms[repetitions / 2] : (ms[repetitions / 2 - 1] + ms[repetitions / 2]) / 2;
        return new Row(method, phase, median, ms[0]);
    }

    private static <T> T inScope(NDManager root, java.util.function.Function<NDManager, T> body) {
        try (NDManager m = root.newSubManager()) {
            return body.apply(m);
        }
    }

    private static Object javaKnn(float[] points, float[] centers, Config c, boolean parallel) {
        int[] idx = KnnGrouper.neighbors(points, c.batch(), c.numPoints(), centers, c.numGroups(), c.groupSize(),
                KnnGrouper.Order.INDEX, parallel);
        return KnnGrouper.neighborhoods(points, c.batch(), c.numPoints(), centers, c.numGroups(), c.groupSize(), idx);
    }

    /** B clouds of N points uniform in a cube, each normalised by {@link PcNorm}; shape (B, N, 3), row-major. */
    public static float[] normalisedClouds(Random rnd, int batch, int numPoints) {
        float[] p = new float[3 * batch * numPoints];
        double[] cloud = new double[3 * numPoints];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < cloud.length; i++) {
                cloud[i] = rnd.nextFloat() * 2 - 1;
            }
            PcNorm.apply(cloud);
            for (int i = 0; i < cloud.length; i++) {
                p[b * cloud.length + i] = (float) cloud[i];
            }
        }
        return p;
    }

    /**
     * Naive FPS as a loop of NDArray ops (the usual vectorised torch port), with the dead-zone rule as a mask.
     * Intermediates stay in {@code points}' manager.
     *
     * @param points (B, N, 3) float32
     * @return indices (B, G) int64
     */
    static NDArray djlFps(NDArray points, int numGroups) {
        NDManager m = points.getManager();
        long batch = points.getShape().get(0);
        long n = points.getShape().get(1);
        NDArray live = points.square().sum(new int[] {2}).gt(FarthestPointSampler.DEAD_ZONE);
        NDArray minusOne = m.full(new Shape(batch, n), -1f);
        NDArray dist = m.full(new Shape(batch, n), FarthestPointSampler.INITIAL_DISTANCE);
        NDArray last = m.zeros(new Shape(batch), DataType.INT64);
        NDList picks = new NDList(last);
        for (int j = 1; j < numGroups; j++) {
            NDArray at = last.reshape(batch, 1, 1).broadcast(batch, 1, 3);
            NDArray d = points.sub(points.gather(at, 1)).square().sum(new int[] {2});
            dist = NDArrays.where(live, dist.minimum(d), dist);
            last = NDArrays.where(live, dist, minusOne).argMax(1);
            picks.add(last);
        }
        return NDArrays.stack(picks, 1);
    }

    /**
     * Naive kNN with DJL ops: all-pairs distance matrix {@code -2 c.p + |c|^2 + |p|^2}, {@code topK}, gather,
     * re-centre. Intermediates stay in {@code points}' manager.
     *
     * @param points (B, N, 3) float32
     * @param fpsIdx (B, G) int64
     * @return neighbour indices (B, G, K) int64 (unspecified order) and centred neighbourhoods (B, G, K, 3)
     */
    static NDList djlKnn(NDArray points, NDArray fpsIdx, int groupSize) {
        long batch = points.getShape().get(0);
        long g = fpsIdx.getShape().get(1);
        NDArray centers = points.gather(fpsIdx.expandDims(2).broadcast(batch, g, 3), 1);
        NDArray dist = centers.matMul(points.transpose(0, 2, 1)).mul(-2f)
                .add(centers.square().sum(new int[] {2}, true))
                .add(points.square().sum(new int[] {2}).expandDims(1));
        NDArray idx = dist.topK(groupSize, 2, false, false).get(1);
        NDArray flat = idx.reshape(batch, g * groupSize, 1).broadcast(batch, g * groupSize, 3);
        NDArray neighborhood = points.gather(flat, 1).reshape(batch, g, groupSize, 3).sub(centers.expandDims(2));
        return new NDList(idx, neighborhood);
    }

    /** @return the 1-minute load average (other work on the machine skews timings), or "n/a" */
    static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }
}
