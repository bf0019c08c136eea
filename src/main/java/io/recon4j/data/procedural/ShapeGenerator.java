package io.recon4j.data.procedural;

import io.recon4j.geometry.PcNorm;

/**
 * Turns a category and a seed into a finished cloud: recipe → area- and density-weighted surface
 * sample → occasional clutter → random pose → pc_norm → Gaussian noise → pc_norm. Everything is
 * computed with {@link StrictMath} from the one seed, so the bits never depend on the platform.
 */
final class ShapeGenerator {

    /** Probability that a small unrelated object lies next to the shape. */
    static final double CLUTTER_RATE = 0.12;
    /** Largest tilt away from upright, radians, about each horizontal axis. */
    static final double MAX_TILT = 0.08;
    /** Largest relative stretch or squash along each axis. */
    static final double MAX_STRETCH = 0.1;

    private ShapeGenerator() {
    }

    /**
     * @param category what to build
     * @param seed the sample's own seed
     * @param numPoints N, the exact number of points
     * @param noise standard deviation of the per-coordinate jitter, in normalised units
     * @return interleaved xyz, shape (N, 3), centroid 0 and largest distance from it 1
     */
    static float[] generate(Category category, long seed, int numPoints, double noise) {
        SeededRandom rng = new SeededRandom(seed);
        ShapeBuilder builder = new ShapeBuilder(rng);
        category.recipe.build(builder, rng);
        double[] xyz = builder.sample(numPoints);
        if (rng.chance(CLUTTER_RATE)) {
            addClutter(xyz, rng);
        }
        pose(xyz, rng);
        PcNorm.apply(xyz);
        if (noise > 0) {
            for (int i = 0; i < xyz.length; i++) {
                xyz[i] += noise * rng.gaussian();
            }
            PcNorm.apply(xyz);
        }
        float[] out = new float[xyz.length];
        for (int i = 0; i < xyz.length; i++) {
            out[i] = (float) xyz[i];
        }
        return out;
    }

    /**
     * Replaces 2–6% of the points (the sample order is already random) with a small box or blob
     * standing on the floor somewhere around the shape's footprint.
     */
    static void addClutter(double[] xyz, SeededRandom rng) {
        int n = xyz.length / 3;
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                lo[c] = Math.min(lo[c], xyz[3 * i + c]);
                hi[c] = Math.max(hi[c], xyz[3 * i + c]);
            }
        }
        double diagonal = StrictMath.sqrt(sq(hi[0] - lo[0]) + sq(hi[1] - lo[1]) + sq(hi[2] - lo[2]));
        double size = diagonal * rng.uniform(0.05, 0.15);
        double x = (lo[0] + hi[0]) / 2 + (hi[0] - lo[0]) * rng.uniform(-0.65, 0.65);
        double z = (lo[2] + hi[2]) / 2 + (hi[2] - lo[2]) * rng.uniform(-0.65, 0.65);
        Frame frame = Frame.yawed(x, lo[1] + size / 2, z, rng.uniform(0, Math.PI));
        Part clutter = rng.chance(0.5)
                ? new Box(frame, size * rng.uniform(0.5, 1.5), size, size * rng.uniform(0.5, 1.5))
                : new Ellipsoid(frame, size * rng.uniform(0.3, 0.8), size / 2, size * rng.uniform(0.3, 0.8));
        int count = Math.max(1, (int) Math.round(n * rng.uniform(0.02, 0.06)));
        double[] point = new double[3];
        for (int i = n - count; i < n; i++) {
            clutter.sample(rng, point);
            System.arraycopy(point, 0, xyz, 3 * i, 3);
        }
    }

    /** Stretches each axis a little, tilts slightly off upright, then turns about the vertical y axis. */
    static void pose(double[] xyz, SeededRandom rng) {
        double sx = 1 + rng.uniform(-MAX_STRETCH, MAX_STRETCH);
        double sy = 1 + rng.uniform(-MAX_STRETCH, MAX_STRETCH);
        double sz = 1 + rng.uniform(-MAX_STRETCH, MAX_STRETCH);
        double tiltX = rng.uniform(-MAX_TILT, MAX_TILT);
        double tiltZ = rng.uniform(-MAX_TILT, MAX_TILT);
        double yaw = rng.uniform(0, 2 * Math.PI);
        double cx = StrictMath.cos(tiltX);
        double snx = StrictMath.sin(tiltX);
        double cz = StrictMath.cos(tiltZ);
        double snz = StrictMath.sin(tiltZ);
        double cy = StrictMath.cos(yaw);
        double sny = StrictMath.sin(yaw);
        for (int i = 0; i < xyz.length; i += 3) {
            double x = xyz[i] * sx;
            double y = xyz[i + 1] * sy;
            double z = xyz[i + 2] * sz;
            double y1 = cx * y - snx * z; // about x
            double z1 = snx * y + cx * z;
            double x2 = cz * x - snz * y1; // about z
            double y2 = snz * x + cz * y1;
            xyz[i] = cy * x2 + sny * z1; // about y
            xyz[i + 1] = y2;
            xyz[i + 2] = -sny * x2 + cy * z1;
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
