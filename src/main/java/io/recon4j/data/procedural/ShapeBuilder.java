package io.recon4j.data.procedural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the parts of one shape (in shape coordinates: y up, floor at y = 0, front towards +z)
 * and turns them into a point sample. Each part gets a random density factor, so points are not
 * spread evenly by area, and a random density gradient across the shape thins one side, like a
 * partial scan. Recipes call the shorthand builders ({@link #box}, {@link #rod}, {@link #post}, ...)
 * and {@link #present()} to drop an optional part now and then.
 */
final class ShapeBuilder {

    /** Probability that an optional part is missing. */
    static final double MISSING_RATE = 0.06;
    /** Candidates drawn per output point before thinning by the density gradient. */
    private static final double OVERSAMPLE = 1.5;

    private final SeededRandom rng;
    private final List<Part> parts = new ArrayList<>();
    private final List<Double> densities = new ArrayList<>();

    ShapeBuilder(SeededRandom rng) {
        this.rng = rng;
    }

    /** Adds a part with a random relative point density in [0.5, 2]. */
    ShapeBuilder add(Part part) {
        parts.add(part);
        densities.add(rng.logUniform(0.5, 2.0));
        return this;
    }

    /** @return false with probability {@link #MISSING_RATE}: guard optional parts with it */
    boolean present() {
        return !rng.chance(MISSING_RATE);
    }

    /** Adds an axis-aligned box centred at (cx, cy, cz) with full sizes (sx, sy, sz). */
    ShapeBuilder box(double cx, double cy, double cz, double sx, double sy, double sz) {
        return add(new Box(Frame.at(cx, cy, cz), sx, sy, sz));
    }

    /** Adds a box centred on {@code frame}'s origin with full sizes along its axes. */
    ShapeBuilder box(Frame frame, double sx, double sy, double sz) {
        return add(new Box(frame, sx, sy, sz));
    }

    /** Adds a closed cylinder of radius {@code r} between two points. */
    ShapeBuilder rod(double[] from, double[] to, double r) {
        double[] axis = {to[0] - from[0], to[1] - from[1], to[2] - from[2]};
        double length = StrictMath.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double[] hint = Math.abs(axis[0]) < 0.9 * length ? new double[] {1, 0, 0} : new double[] {0, 0, 1};
        return add(new Frustum(Frame.aligned(from, axis, hint), r, r, length, true, true));
    }

    /** Adds a vertical frustum standing at (x, y0, z); see {@link Frustum}. */
    ShapeBuilder frustum(double x, double y0, double z, double r0, double r1, double height,
            boolean cap0, boolean cap1) {
        return add(new Frustum(Frame.at(x, y0, z), r0, r1, height, cap0, cap1));
    }

    /** Adds a flat closed vertical cylinder (a round seat, base or top) with its bottom at y0. */
    ShapeBuilder disk(double x, double y0, double z, double radius, double thickness) {
        return frustum(x, y0, z, radius, radius, thickness, true, true);
    }

    /** Adds a vertical leg from y0 to y1 at (x, z): a square bar or a round rod of width {@code w}. */
    ShapeBuilder post(double x, double z, double y0, double y1, double w, boolean square) {
        return square
                ? box(x, (y0 + y1) / 2, z, w, y1 - y0, w)
                : rod(new double[] {x, y0, z}, new double[] {x, y1, z}, w / 2);
    }

    /** Adds up to four legs at (±halfX, ±halfZ), each one {@linkplain #present() optional}. */
    ShapeBuilder cornerPosts(double halfX, double halfZ, double y0, double y1, double w, boolean square) {
        for (int sx = -1; sx <= 1; sx += 2) {
            for (int sz = -1; sz <= 1; sz += 2) {
                if (present()) {
                    post(sx * halfX, sz * halfZ, y0, y1, w, square);
                }
            }
        }
        return this;
    }

    /**
     * Draws exactly {@code n} points: {@code OVERSAMPLE * n} candidates spread over the parts in
     * proportion to area × density, then n of them kept by weighted sampling without replacement
     * (Efraimidis–Spirakis keys), the weight falling linearly along a random direction.
     *
     * @return interleaved xyz, shape (n, 3), in a random order
     */
    double[] sample(int n) {
        if (parts.isEmpty()) {
            throw new IllegalStateException("recipe produced no parts");
        }
        double[] cumulative = new double[parts.size()];
        double total = 0;
        for (int p = 0; p < parts.size(); p++) {
            total += parts.get(p).area() * densities.get(p);
            cumulative[p] = total;
        }
        int m = (int) Math.ceil(OVERSAMPLE * n);
        double[] candidates = new double[3 * m];
        double[] point = new double[3];
        for (int j = 0; j < m; j++) {
            int p = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
            p = p >= 0 ? p : -p - 1;
            parts.get(Math.min(p, parts.size() - 1)).sample(rng, point);
            System.arraycopy(point, 0, candidates, 3 * j, 3);
        }
        return thin(candidates, m, n);
    }

    private double[] thin(double[] candidates, int m, int n) {
        double[] direction = randomDirection();
        double strength = rng.uniform(0, 0.8);
        double[] along = new double[m];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            along[j] = candidates[3 * j] * direction[0] + candidates[3 * j + 1] * direction[1]
                    + candidates[3 * j + 2] * direction[2];
            lo = Math.min(lo, along[j]);
            hi = Math.max(hi, along[j]);
        }
        double span = Math.max(hi - lo, 1e-12);
        // sort by packed (rank key, index) longs: -log(u)/w > 0, so its IEEE bits order like the value;
        // the low bits of the mantissa make room for the index (ties resolved by index, deterministic)
        int indexBits = 64 - Long.numberOfLeadingZeros(m);
        long indexMask = (1L << indexBits) - 1;
        long[] packed = new long[m];
        for (int j = 0; j < m; j++) {
            double weight = 1 - strength * (along[j] - lo) / span;
            double rank = -StrictMath.log(1 - rng.nextDouble()) / weight + Double.MIN_NORMAL; // smaller wins
            packed[j] = (Double.doubleToRawLongBits(rank) & ~indexMask) | j;
        }
        Arrays.sort(packed);
        double[] out = new double[3 * n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(candidates, 3 * (int) (packed[j] & indexMask), out, 3 * j, 3);
        }
        return out;
    }

    private double[] randomDirection() {
        double y = rng.uniform(-1, 1);
        double ring = StrictMath.sqrt(1 - y * y);
        double angle = 2 * Math.PI * rng.nextDouble();
        return new double[] {ring * StrictMath.cos(angle), y, ring * StrictMath.sin(angle)};
    }
}
