package io.recon4j.cloud;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Samples points uniformly from the surface of a triangle mesh: a triangle is chosen with probability
 * proportional to its area, then a uniform point inside it.
 *
 * <p>For each point the generator is asked, in this order, for the triangle draw {@code u} and the two
 * barycentric draws {@code r1, r2} (all {@link Random#nextDouble()}); the point is
 * {@code (1 - sqrt(r1)) A + sqrt(r1) (1 - r2) B + sqrt(r1) r2 C}, which is uniform over triangle ABC
 * (Osada et al., "Shape distributions", 2002). The same mesh, count and seed therefore always give the
 * same cloud. The sampler precomputes the area table once, so reuse it to draw many clouds.
 */
public final class MeshSampler {

    private final float[] vertices;
    private final int[] triangles;
    /** cumulative[f] = total area of triangles 0..f; length F. */
    private final double[] cumulative;

    /**
     * Prepares a mesh for sampling.
     *
     * @throws IllegalArgumentException if the mesh has no triangles or its total area is zero or not finite
     */
    public MeshSampler(Mesh mesh) {
        Objects.requireNonNull(mesh, "mesh");
        this.vertices = mesh.vertices().xyzView();
        this.triangles = mesh.trianglesView();
        int faces = triangles.length / 3;
        if (faces == 0) {
            throw new IllegalArgumentException("cannot sample a mesh without triangles");
        }
        this.cumulative = new double[faces];
        double total = 0;
        double[] normal = new double[3];
        for (int f = 0; f < faces; f++) {
            total += crossNorm(f, normal) / 2;
            cumulative[f] = total;
        }
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new IllegalArgumentException("cannot sample a mesh whose surface area is " + total + " ("
                    + faces + " triangles, all degenerate or with non-finite vertices); expected a positive area");
        }
    }

    /**
     * Samples {@code count} points from {@code mesh} with {@code new Random(seed)}, without normals.
     *
     * @throws IllegalArgumentException as {@link #MeshSampler(Mesh)}, or if {@code count <= 0}
     */
    public static PointCloud sample(Mesh mesh, int count, long seed) {
        return new MeshSampler(mesh).sample(count, new Random(seed));
    }

    /** @return the mesh's total surface area */
    public double surfaceArea() {
        return cumulative[cumulative.length - 1];
    }

    /**
     * Samples points without fields.
     *
     * @param count the number of points N, positive
     * @param random the generator; its state advances by 3N draws
     * @return N points on the surface
     */
    public PointCloud sample(int count, Random random) {
        return sample(count, random, false);
    }

    /**
     * Samples points, each with the unit normal {@code nx ny nz} of the triangle it lies on (oriented by
     * the triangle's winding, counter-clockwise = front).
     *
     * @param count the number of points N, positive
     * @param random the generator; its state advances by 3N draws
     * @return N points on the surface with fields nx, ny, nz
     */
    public PointCloud sampleWithNormals(int count, Random random) {
        return sample(count, random, true);
    }

    private PointCloud sample(int count, Random random, boolean withNormals) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        Objects.requireNonNull(random, "random");
        float[] xyz = new float[3 * count];
        float[][] normals = withNormals ? new float[3][count] : null;
        double[] normal = new double[3];
        double total = surfaceArea();
        for (int i = 0; i < count; i++) {
            int f = triangleAt(random.nextDouble() * total);
            double s = Math.sqrt(random.nextDouble());
            double r2 = random.nextDouble();
            double wa = 1 - s;
            double wb = s * (1 - r2);
            double wc = s * r2;
            int a = 3 * triangles[3 * f];
            int b = 3 * triangles[3 * f + 1];
            int c = 3 * triangles[3 * f + 2];
            for (int axis = 0; axis < 3; axis++) {
                xyz[3 * i + axis] = (float) (wa * vertices[a + axis] + wb * vertices[b + axis]
                        + wc * vertices[c + axis]);
            }
            if (withNormals) {
                double norm = crossNorm(f, normal);
                for (int axis = 0; axis < 3; axis++) {
                    normals[axis][i] = (float) (normal[axis] / norm);
                }
            }
        }
        if (!withNormals) {
            return new PointCloud(xyz);
        }
        Map<String, float[]> fields = new LinkedHashMap<>();
        fields.put("nx", normals[0]);
        fields.put("ny", normals[1]);
        fields.put("nz", normals[2]);
        return new PointCloud(xyz, fields);
    }

    /**
     * @param u a draw in [0, total area)
     * @return the first triangle f with cumulative[f] > u, which has positive area since cumulative[f - 1] <= u
     */
    private int triangleAt(double u) {
        // nextDouble() * total can round up to total itself; keep u strictly below it.
        double target = Math.min(u, Math.nextDown(surfaceArea()));
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Writes (B - A) x (C - A) of triangle f into {@code out}; returns its length (twice the area). */
    private double crossNorm(int f, double[] out) {
        int a = 3 * triangles[3 * f];
        int b = 3 * triangles[3 * f + 1];
        int c = 3 * triangles[3 * f + 2];
        double ux = vertices[b] - vertices[a];
        double uy = vertices[b + 1] - vertices[a + 1];
        double uz = vertices[b + 2] - vertices[a + 2];
        double vx = vertices[c] - vertices[a];
        double vy = vertices[c + 1] - vertices[a + 1];
        double vz = vertices[c + 2] - vertices[a + 2];
        out[0] = uy * vz - uz * vy;
        out[1] = uz * vx - ux * vz;
        out[2] = ux * vy - uy * vx;
        return Math.sqrt(out[0] * out[0] + out[1] * out[1] + out[2] * out[2]);
    }
}
