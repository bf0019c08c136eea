package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import io.recon4j.geometry.PcNorm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The point-cloud transforms of the official ReCon / Point-MAE code ({@code datasets/data_transforms.py},
 * the dataset classes and {@code tools/runner_finetune.py}), as {@link PointTransform}s on one cloud.
 *
 * <p>Differences from the official code, all distribution-preserving: the official augmentations run
 * on the GPU over a batch (B, N, 3) after sampling, drawing per-sample parameters in a loop; here
 * they run per sample in the loader, with the same per-sample distribution. The official fine-tune
 * loop draws ONE random index subset {@code np.random.choice(point_all, npoints, False)} shared by
 * the whole batch; {@link #fpsThenRandomSubset} draws one per sample. Random streams are Java's,
 * so individual draws never equal numpy's.
 *
 * <p>Geometric transforms act on xyz. Per-point fields (e.g. normals {@code nx ny nz}) follow the
 * points through subsets; {@link #rotateY()} also rotates normals; scaling and translation leave
 * fields untouched, as the official code only touches {@code pc[..., 0:3]}.
 */
public final class Transforms {

    /** Official {@code PointcloudScale*} range: per-axis factor in [2/3, 3/2). */
    public static final double SCALE_LOW = 2.0 / 3.0;
    /** Upper bound of the official scale range. */
    public static final double SCALE_HIGH = 3.0 / 2.0;
    /** Official {@code PointcloudScaleAndTranslate} range: per-axis shift in [-0.2, 0.2). */
    public static final double TRANSLATE_RANGE = 0.2;

    private static final String[] NORMAL_FIELDS = {"nx", "ny", "nz"};

    private Transforms() {
    }

    // ---------------------------------------------------------------- normalisation

    /** @return {@code pc_norm}: centroid to the origin, then divide by the largest point radius (unit sphere) */
    public static PointTransform pcNorm() {
        return named("pcNorm", (cloud, rng) -> normalize(cloud));
    }

    /**
     * The official {@code pc_norm} / {@code pc_normalize} ({@link PcNorm}): {@code pc -= mean(pc);
     * pc /= max_i ||pc_i||}, computed in double and rounded to float once; fields are kept.
     *
     * @throws IllegalArgumentException if the cloud is empty or all its points coincide (radius 0)
     */
    public static PointCloud normalize(PointCloud cloud) {
        if (cloud.size() == 0) {
            throw new IllegalArgumentException("cannot normalise an empty cloud");
        }
        float[] xyz = cloud.xyz();
        double[] wide = new double[xyz.length];
        for (int i = 0; i < xyz.length; i++) {
            wide[i] = xyz[i];
        }
        double radius = PcNorm.apply(wide);
        if (!(radius > 0)) {
            throw new IllegalArgumentException("cannot normalise: all " + cloud.size()
                    + " points coincide (or are not finite), max radius is " + radius);
        }
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) wide[i];
        }
        return cloud.withXyz(xyz);
    }

    // ---------------------------------------------------------------- subsampling

    /**
     * @return the first {@code n} points of a uniformly random permutation (numpy
     *     {@code np.random.permutation(N)[:n]} semantics: distinct indices, random order), as the
     *     ShapeNet-55 loader's {@code random_sample}
     */
    public static PointTransform randomSubset(int n) {
        requirePositive(n, "n");
        return named("randomSubset(" + n + ")", (cloud, rng) -> {
            requireAtLeast(cloud, n, "randomSubset");
            return cloud.select(permutationPrefix(cloud.size(), n, rng));
        });
    }

    /** @return all points in a uniformly random order, as the official train-split loaders' {@code np.random.shuffle(pt_idxs)} */
    public static PointTransform shufflePoints() {
        return named("shufflePoints", (cloud, rng) -> cloud.select(permutationPrefix(cloud.size(), cloud.size(), rng)));
    }

    /** @return the first {@code n} points in file order (the official non-uniform {@code point_set[0:npoints]}) */
    public static PointTransform head(int n) {
        requirePositive(n, "n");
        return named("head(" + n + ")", (cloud, rng) -> {
            requireAtLeast(cloud, n, "head");
            int[] idx = new int[n];
            Arrays.setAll(idx, i -> i);
            return cloud.select(idx);
        });
    }

    /**
     * @return farthest point sampling to {@code n} points with the official CUDA kernel's semantics
     *     ({@code misc.fps}: start at point 0, deterministic), as the official validation and test
     *     ("FPS to npoints")
     */
    public static PointTransform fps(int n) {
        requirePositive(n, "n");
        return named("fps(" + n + ")", (cloud, rng) -> {
            requireAtLeast(cloud, n, "fps");
            return cloud.select(Fps.indices(cloud, n));
        });
    }

    /**
     * The official fine-tuning subsampling: FPS to {@code pool} points (clamped to N, as the official
     * {@code if points.size(1) < point_all}), then a random subset of {@code n} of them without
     * replacement ({@code np.random.choice(point_all, npoints, False)}). Also used by voting and zero-shot.
     *
     * @param pool the FPS pool size, see {@link #fpsPoolSize(int)}
     * @param n the number of points returned
     */
    public static PointTransform fpsThenRandomSubset(int pool, int n) {
        requirePositive(n, "n");
        if (pool < n) {
            throw new IllegalArgumentException("FPS pool " + pool + " is smaller than the subset size " + n);
        }
        return named("fpsThenRandomSubset(" + pool + "->" + n + ")", (cloud, rng) -> {
            requireAtLeast(cloud, n, "fpsThenRandomSubset");
            int all = Math.min(pool, cloud.size());
            int[] fpsIdx = Fps.indices(cloud, all);
            int[] pick = permutationPrefix(all, n, rng);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = fpsIdx[pick[i]];
            }
            return cloud.select(idx);
        });
    }

    /**
     * The official mapping from {@code npoints} to the FPS pool of the fine-tuning loop
     * ({@code point_all}): 1024→1200, 2048→2400, 4096→4800, 8192→8192.
     *
     * @throws IllegalArgumentException for other values (the official code raises NotImplementedError)
     */
    public static int fpsPoolSize(int npoints) {
        switch (npoints) {
            case 1024:
                return 1200;
            case 2048:
                return 2400;
            case 4096:
                return 4800;
            case 8192:
                return 8192;
            default:
                throw new IllegalArgumentException("the official fine-tuning loop defines an FPS pool only for npoints"
                        + " 1024, 2048, 4096 or 8192, got " + npoints);
        }
    }

    /**
     * The FPS pool for any {@code npoints}: the official {@link #fpsPoolSize(int)} where it is defined,
     * otherwise ⌈npoints·1200/1024⌉, the same ratio (a recon4j extension for sizes the official loop
     * rejects, e.g. Nano's 512 → 600).
     */
    public static int fpsPoolSizeOrScaled(int npoints) {
        requirePositive(npoints, "npoints");
        switch (npoints) {
            case 1024:
            case 2048:
            case 4096:
            case 8192:
                return fpsPoolSize(npoints);
            default:
                return (int) ((npoints * 1200L + 1023) / 1024);
        }
    }

    // ---------------------------------------------------------------- augmentation

    /** @return the official {@code PointcloudScaleAndTranslate()}: per-axis scale U[2/3, 3/2), then per-axis shift U[-0.2, 0.2) */
    public static PointTransform scaleAndTranslate() {
        return scaleAndTranslate(SCALE_LOW, SCALE_HIGH, TRANSLATE_RANGE);
    }

    /**
     * @return {@code xyz * s + t} with {@code s[c] ~ U[scaleLow, scaleHigh)} and {@code t[c] ~ U[-range, range)}
     *     per axis; the three scales are drawn before the three shifts, as numpy does
     */
    public static PointTransform scaleAndTranslate(double scaleLow, double scaleHigh, double range) {
        requireRange(scaleLow, scaleHigh);
        return named("scaleAndTranslate(" + scaleLow + "," + scaleHigh + "," + range + ")", (cloud, rng) -> {
            double[] s = uniform3(rng, scaleLow, scaleHigh);
            double[] t = uniform3(rng, -range, range);
            return affine(cloud, s, t);
        });
    }

    /** @return the official test-time {@code PointcloudScale()}: per-axis scale U[2/3, 3/2), no shift */
    public static PointTransform scale() {
        return scale(SCALE_LOW, SCALE_HIGH);
    }

    /** @return per-axis scale {@code U[low, high)} */
    public static PointTransform scale(double low, double high) {
        requireRange(low, high);
        return named("scale(" + low + "," + high + ")", (cloud, rng) -> affine(cloud, uniform3(rng, low, high), new double[3]));
    }

    /** @return the official {@code PointcloudTranslate()}: per-axis shift U[-range, range) */
    public static PointTransform translate(double range) {
        return named("translate(" + range + ")", (cloud, rng) -> affine(cloud, new double[] {1, 1, 1}, uniform3(rng, -range, range)));
    }

    /**
     * The official {@code PointcloudRotate}: angle θ ~ U[0, 2π), {@code R = [[cos,0,sin],[0,1,0],[-sin,0,cos]]},
     * and row vectors times R ({@code pc @ R}), i.e. {@code x' = x cosθ - z sinθ, y' = y, z' = x sinθ + z cosθ}.
     * A rotation about the y (up) axis; normals, if present, are rotated the same way.
     */
    public static PointTransform rotateY() {
        return named("rotateY", (cloud, rng) -> rotateY(cloud, rng.nextDouble() * 2 * Math.PI));
    }

    /** @return the cloud rotated by {@code angle} radians with the official {@code pc @ R} convention of {@link #rotateY()} */
    public static PointCloud rotateY(PointCloud cloud, double angle) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        return rotate(cloud, rows -> rotateRows(rows, cos, sin));
    }

    /**
     * Turns a z-up cloud (raw ModelNet, most robot and CAD scans) y-up, the convention of the official augmentation
     * and of ShapeNet: {@code (x, y, z) -> (x, z, -y)}, a proper rotation (−90° about x); normals follow.
     */
    public static PointCloud zUpToYUp(PointCloud cloud) {
        return rotate(cloud, rows -> {
            float[] out = new float[rows.length];
            for (int i = 0; i < rows.length; i += 3) {
                out[i] = rows[i];
                out[i + 1] = rows[i + 2];
                out[i + 2] = -rows[i + 1];
            }
            return out;
        });
    }

    /** Applies {@code rotation} (on interleaved rows of 3) to xyz and, when present, to the normals. */
    private static PointCloud rotate(PointCloud cloud, java.util.function.UnaryOperator<float[]> rotation) {
        PointCloud out = cloud.withXyz(rotation.apply(cloud.xyz()));
        if (!hasNormals(cloud)) {
            return out;
        }
        int n = cloud.size();
        float[] normals = new float[3 * n];
        for (int c = 0; c < 3; c++) {
            float[] f = cloud.field(NORMAL_FIELDS[c]);
            for (int i = 0; i < n; i++) {
                normals[3 * i + c] = f[i];
            }
        }
        normals = rotation.apply(normals);
        Map<String, float[]> fields = new LinkedHashMap<>();
        for (String name : cloud.fieldNames()) {
            fields.put(name, cloud.field(name));
        }
        for (int c = 0; c < 3; c++) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = normals[3 * i + c];
            }
            fields.put(NORMAL_FIELDS[c], f);
        }
        return new PointCloud(out.xyz(), fields);
    }

    /** @return the official {@code PointcloudJitter()}: add N(0, 0.01²) noise per coordinate, clipped to ±0.05 */
    public static PointTransform jitter() {
        return jitter(0.01, 0.05);
    }

    /** @return per-coordinate Gaussian noise with standard deviation {@code std}, clipped to ±{@code clip} */
    public static PointTransform jitter(double std, double clip) {
        return named("jitter(" + std + "," + clip + ")", (cloud, rng) -> {
            float[] xyz = cloud.xyz();
            for (int i = 0; i < xyz.length; i++) {
                double e = Math.max(-clip, Math.min(clip, rng.nextGaussian() * std));
                xyz[i] = (float) (xyz[i] + e);
            }
            return cloud.withXyz(xyz);
        });
    }

    /** @return the transforms applied left to right, all drawing from the same generator */
    public static PointTransform compose(PointTransform... steps) {
        List<PointTransform> list = new ArrayList<>(Arrays.asList(steps));
        String name = list.isEmpty() ? "identity"
                : list.stream().map(Object::toString).collect(Collectors.joining(" -> "));
        return named(name, (cloud, rng) -> {
            PointCloud c = cloud;
            for (PointTransform t : list) {
                c = t.apply(c, rng);
            }
            return c;
        });
    }

    // ---------------------------------------------------------------- helpers

    /**
     * @return the first {@code n} entries of a uniformly random permutation of 0..size-1
     *     (partial Fisher–Yates: n draws, distinct indices in random order)
     */
    public static int[] permutationPrefix(int size, int n, RandomGenerator rng) {
        int[] perm = new int[size];
        Arrays.setAll(perm, i -> i);
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(size - i);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        return n == size ? perm : Arrays.copyOf(perm, n);
    }

    private static float[] rotateRows(float[] rows, double cos, double sin) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i += 3) {
            double x = rows[i];
            double z = rows[i + 2];
            out[i] = (float) (x * cos - z * sin);
            out[i + 1] = rows[i + 1];
            out[i + 2] = (float) (x * sin + z * cos);
        }
        return out;
    }

    private static PointCloud affine(PointCloud cloud, double[] s, double[] t) {
        float[] xyz = cloud.xyz();
        for (int i = 0; i < xyz.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                xyz[i + c] = (float) (xyz[i + c] * s[c] + t[c]);
            }
        }
        return cloud.withXyz(xyz);
    }

    private static double[] uniform3(RandomGenerator rng, double low, double high) {
        double[] v = new double[3];
        for (int c = 0; c < 3; c++) {
            v[c] = low + (high - low) * rng.nextDouble();
        }
        return v;
    }

    private static boolean hasNormals(PointCloud cloud) {
        for (String f : NORMAL_FIELDS) {
            if (!cloud.hasField(f)) {
                return false;
            }
        }
        return true;
    }

    private static void requireAtLeast(PointCloud cloud, int n, String what) {
        if (cloud.size() < n) {
            throw new IllegalArgumentException(what + " needs at least " + n + " points, the cloud has " + cloud.size());
        }
    }

    private static void requirePositive(int n, String name) {
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + n);
        }
    }

    private static void requireRange(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("empty range [" + low + ", " + high + ")");
        }
    }

    private static PointTransform named(String name, PointTransform fn) {
        return new Named(name, fn);
    }

    /** A transform with a readable {@code toString}, for logs and run configs. */
    private record Named(String name, PointTransform fn) implements PointTransform {
        @Override
        public PointCloud apply(PointCloud cloud, RandomGenerator rng) {
            return fn.apply(cloud, rng);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
