package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class MeshSamplerTest {

    /** Axis-aligned box [-a,a] x [-b,b] x [-c,c], 12 triangles wound counter-clockwise seen from outside. */
    static Mesh box(float a, float b, float c) {
        float[] v = new float[24];
        for (int i = 0; i < 8; i++) {
            v[3 * i] = (i & 1) == 0 ? -a : a;
            v[3 * i + 1] = (i & 2) == 0 ? -b : b;
            v[3 * i + 2] = (i & 4) == 0 ? -c : c;
        }
        int[] quads = {
            0, 4, 6, 2, // -x
            1, 3, 7, 5, // +x
            0, 1, 5, 4, // -y
            2, 6, 7, 3, // +y
            0, 2, 3, 1, // -z
            4, 5, 7, 6, // +z
        };
        int[] t = new int[36];
        for (int q = 0; q < 6; q++) {
            int[] p = {quads[4 * q], quads[4 * q + 1], quads[4 * q + 2], quads[4 * q + 3]};
            System.arraycopy(new int[] {p[0], p[1], p[2], p[0], p[2], p[3]}, 0, t, 6 * q, 6);
        }
        return new Mesh(new PointCloud(v), t);
    }

    @Test
    void sameSeedSameCloudOtherSeedOtherCloud() {
        Mesh m = box(1, 2, 3);
        PointCloud a = MeshSampler.sample(m, 1000, 42);
        assertEquals(a, MeshSampler.sample(m, 1000, 42));
        assertEquals(a, new MeshSampler(m).sample(1000, new Random(42)));
        assertNotEquals(a, MeshSampler.sample(m, 1000, 43));
        assertEquals(1000, a.size());
    }

    @Test
    void pointsLieOnTheCubeSurface() {
        PointCloud p = MeshSampler.sample(box(1, 1, 1), 5000, 7);
        for (int i = 0; i < p.size(); i++) {
            float m = 0;
            for (int axis = 0; axis < 3; axis++) {
                float x = Math.abs(p.get(i, axis));
                assertTrue(x <= 1 + 1e-6f, "point " + i + " outside the cube");
                m = Math.max(m, x);
            }
            // On a face: the largest |coordinate| is the half-size, i.e. distance 0 to that face's plane.
            assertEquals(1f, m, 1e-6f, "point " + i + " is not on a face");
        }
    }

    @Test
    void faceShareMatchesAreaAndNormalsMatchFaces() {
        float a = 0.5f;
        float b = 1f;
        float c = 1.5f;
        int n = 60_000;
        MeshSampler sampler = new MeshSampler(box(a, b, c));
        // Face areas: x faces 2b*2c = 6, y faces 2a*2c = 3, z faces 2a*2b = 2; total 22.
        assertEquals(22.0, sampler.surfaceArea(), 1e-9);
        PointCloud p = sampler.sampleWithNormals(n, new Random(11));
        float[] half = {a, b, c};
        int[] perAxis = new int[3];
        float[][] normal = {p.field("nx"), p.field("ny"), p.field("nz")};
        for (int i = 0; i < n; i++) {
            int axis = -1;
            for (int k = 0; k < 3; k++) {
                if (Math.abs(Math.abs(p.get(i, k)) - half[k]) < 1e-6f) {
                    axis = k;
                }
            }
            assertTrue(axis >= 0, "point " + i + " is on no face");
            perAxis[axis]++;
            for (int k = 0; k < 3; k++) {
                // Outward unit normal of the face the point is on.
                float expected = k == axis ? Math.signum(p.get(i, k)) : 0;
                assertEquals(expected, normal[k][i], 1e-6f, "normal of point " + i);
            }
        }
        double[] share = {12.0 / 22, 6.0 / 22, 4.0 / 22};
        for (int k = 0; k < 3; k++) {
            double sigma = Math.sqrt(share[k] * (1 - share[k]) / n);
            assertEquals(share[k], perAxis[k] / (double) n, 5 * sigma, "share of axis " + k + " faces");
        }
    }

    @Test
    void uniformInsideATriangle() {
        // Right triangle (0,0),(1,0),(0,1): the corner region x + y < 1/2 holds a quarter of the area.
        // Using r1 instead of sqrt(r1) would put half of the points there.
        Mesh t = new Mesh(new PointCloud(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}), new int[] {0, 1, 2});
        int n = 40_000;
        PointCloud p = MeshSampler.sample(t, n, 5);
        int corner = 0;
        int left = 0;
        for (int i = 0; i < n; i++) {
            corner += p.get(i, 0) + p.get(i, 1) < 0.5f ? 1 : 0;
            left += p.get(i, 0) < 0.5f ? 1 : 0;
        }
        double sigma = Math.sqrt(0.25 * 0.75 / n);
        assertEquals(0.25, corner / (double) n, 5 * sigma);
        // x < 1/2 covers 3/4 of the triangle.
        assertEquals(0.75, left / (double) n, 5 * sigma);
    }

    @Test
    void zeroAreaTrianglesAreNeverChosen() {
        float[] v = {0, 0, 0, 1, 0, 0, 0, 1, 0, 100, 100, 100, 101, 101, 101};
        // Degenerate triangles (collinear, repeated vertex) before and after the real one.
        Mesh m = new Mesh(new PointCloud(v), new int[] {3, 4, 3, 0, 1, 2, 3, 4, 4});
        PointCloud p = MeshSampler.sample(m, 2000, 3);
        for (int i = 0; i < p.size(); i++) {
            assertTrue(p.get(i, 0) <= 1 && p.get(i, 2) == 0, "point " + i + " on a degenerate triangle");
        }
    }

    @Test
    void degenerateMeshesAndBadCountsAreRejected() {
        Mesh flat = new Mesh(new PointCloud(new float[] {0, 0, 0, 1, 1, 1, 2, 2, 2}), new int[] {0, 1, 2, 0, 0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MeshSampler(flat));
        assertTrue(e.getMessage().contains("surface area is 0.0"), e.getMessage());
        Mesh none = new Mesh(new PointCloud(new float[] {0, 0, 0}), new int[0]);
        assertThrows(IllegalArgumentException.class, () -> new MeshSampler(none));
        Mesh nan = new Mesh(new PointCloud(new float[] {0, 0, 0, 1, 0, 0, Float.NaN, 1, 0}), new int[] {0, 1, 2});
        assertThrows(IllegalArgumentException.class, () -> new MeshSampler(nan));
        assertThrows(IllegalArgumentException.class, () -> new MeshSampler(box(1, 1, 1)).sample(0, new Random(1)));
    }
}
