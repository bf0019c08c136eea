package io.recon4j.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.recon4j.cloud.NpyArray;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fixture")
class ChamferDistanceTest {

    @Test
    void matchesDoublePrecisionBruteForce() {
        Random rnd = new Random(10);
        int m = 7;
        int k1 = 32;
        int k2 = 20;
        float[] a = TestData.randomClouds(rnd, m, k1);
        float[] b = TestData.randomClouds(rnd, m, k2);
        double l2 = ChamferDistance.chamferL2(a, b, m, k1, k2);
        double l1 = ChamferDistance.chamferL1(a, b, m, k1, k2);
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray na = mgr.create(a, new Shape(m, k1, 3));
            NDArray nb = mgr.create(b, new Shape(m, k2, 3));
            assertEquals(l2, ChamferDistance.l2(na, nb).getFloat(), 1e-6 * l2);
            assertEquals(l1, ChamferDistance.l1(na, nb).getFloat(), 1e-6 * l1);
            assertEquals(new Shape(), ChamferDistance.l2(na, nb).getShape());
        }
        // Symmetric by definition, and zero for identical sets.
        assertEquals(l2, ChamferDistance.chamferL2(b, a, m, k2, k1), 1e-12);
        assertEquals(0, ChamferDistance.chamferL2(a, a, m, k1, k1));
        // Hand-computed: a = {(0,0,0)}, b = {(1,0,0), (0,2,0)} -> d1 = {1}, d2 = {1, 4}: 1 + 2.5.
        assertEquals(3.5, ChamferDistance.chamferL2(new float[3], new float[] {1, 0, 0, 0, 2, 0}, 1, 1, 2), 0);
        assertEquals((1 + 1.5) / 2, ChamferDistance.chamferL1(new float[3], new float[] {1, 0, 0, 0, 2, 0}, 1, 1, 2), 0);
    }

    @Test
    void accurateForSmallSetsFarFromTheOrigin() {
        Random rnd = new Random(13);
        int m = 5;
        int k = 32;
        float[] a = new float[3 * m * k];
        float[] b = new float[3 * m * k];
        for (int i = 0; i < a.length; i++) {
            float offset = 100 + i % 3; // every set sits near (100, 101, 102) and is 0.05 wide
            a[i] = offset + rnd.nextFloat() * 0.05f;
            b[i] = offset + rnd.nextFloat() * 0.05f;
        }
        double l2 = ChamferDistance.chamferL2(a, b, m, k, k);
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray na = mgr.create(a, new Shape(m, k, 3));
            NDArray nb = mgr.create(b, new Shape(m, k, 3));
            float[] d1 = ChamferDistance.nearestSquaredDistances(na, nb).get(0).toFloatArray();
            assertTrue(Arrays.stream(toDouble(d1)).allMatch(v -> v >= 0), "direct differences are never negative");
            // Points near 100 carry float spacing 7.6e-6, so coordinates differences are exact to ~1e-5 relative.
            assertEquals(l2, ChamferDistance.l2(na, nb).getFloat(), 1e-3 * l2);
        }
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Also shows that closing the intermediates inside the loss leaves backward intact. */
    @Test
    void gradientMatchesFiniteDifferences() {
        Random rnd = new Random(11);
        int m = 3;
        int k1 = 8;
        int k2 = 6;
        float[] a = TestData.randomClouds(rnd, m, k1);
        float[] b = TestData.randomClouds(rnd, m, k2);
        for (boolean l1 : new boolean[] {false, true}) {
            float[] ga;
            float[] gb;
            try (NDManager mgr = NDManager.newBaseManager()) {
                NDArray na = mgr.create(a, new Shape(m, k1, 3));
                NDArray nb = mgr.create(b, new Shape(m, k2, 3));
                na.setRequiresGradient(true);
                nb.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(l1 ? ChamferDistance.l1(na, nb) : ChamferDistance.l2(na, nb));
                }
                ga = na.getGradient().toFloatArray();
                gb = nb.getGradient().toFloatArray();
            }
            checkAgainstFiniteDifferences(a, b, m, k1, k2, l1, ga, true);
            checkAgainstFiniteDifferences(a, b, m, k1, k2, l1, gb, false);
        }
    }

    private static void checkAgainstFiniteDifferences(float[] a, float[] b, int m, int k1, int k2, boolean l1,
            float[] grad, boolean wrtA) {
        float[] x = wrtA ? a : b;
        float h = 1e-4f;
        double maxGrad = 0;
        for (int i = 0; i < x.length; i++) {
            float saved = x[i];
            x[i] = saved + h;
            double plus = l1 ? ChamferDistance.chamferL1(a, b, m, k1, k2) : ChamferDistance.chamferL2(a, b, m, k1, k2);
            x[i] = saved - h;
            double minus = l1 ? ChamferDistance.chamferL1(a, b, m, k1, k2) : ChamferDistance.chamferL2(a, b, m, k1, k2);
            x[i] = saved;
            double numeric = (plus - minus) / ((double) (saved + h) - (double) (saved - h));
            assertEquals(numeric, grad[i], 2e-4, (l1 ? "L1" : "L2") + (wrtA ? " d/da[" : " d/db[") + i + "]");
            maxGrad = Math.max(maxGrad, Math.abs(numeric));
        }
        assertTrue(maxGrad > 1e-3, "gradient should not vanish");
    }

    @Test
    void fixtureLossReproduced() throws IOException {
        NpyArray rebuildArray = TestData.fixture("rebuild_points.npy");
        float[] rebuild = rebuildArray.toFloatArray();
        float[] gt = TestData.fixture("gt_points.npy").toFloatArray();
        float expected = TestData.fixture("loss_chamfer_l2.npy").getFloat(0);
        int m = (int) rebuildArray.dim(0);
        int k = (int) rebuildArray.dim(1);
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray loss = ChamferDistance.l2(mgr.create(rebuild, new Shape(m, k, 3)),
                    mgr.create(gt, new Shape(m, k, 3)));
            assertEquals(expected, loss.getFloat(), 1e-6 * expected);
        }
        assertEquals(expected, ChamferDistance.chamferL2(rebuild, gt, m, k, k), 1e-6 * expected);
    }

    @Test
    void intermediatesAreClosed() {
        try (NDManager mgr = NDManager.newBaseManager(); NDManager sub = mgr.newSubManager()) {
            NDArray a = sub.randomUniform(-1, 1, new Shape(4, 5, 3));
            NDArray b = sub.randomUniform(-1, 1, new Shape(4, 6, 3));
            int before = ((ai.djl.ndarray.BaseNDManager) sub).getManagedArrays().size();
            ChamferDistance.l2(a, b);
            ChamferDistance.l1(a, b);
            assertEquals(before + 2, ((ai.djl.ndarray.BaseNDManager) sub).getManagedArrays().size(),
                    "only the two scalar results should remain");
        }
    }

    @Test
    void badShapesAreRejected() {
        try (NDManager mgr = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChamferDistance.l2(mgr.zeros(new Shape(2, 4, 3)), mgr.zeros(new Shape(3, 4, 3))));
            assertTrue(e.getMessage().contains("same M"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> ChamferDistance.l2(mgr.zeros(new Shape(2, 4, 2)), mgr.zeros(new Shape(2, 4, 2))));
        }
        assertThrows(IllegalArgumentException.class, () -> ChamferDistance.chamferL2(new float[5], new float[6], 1, 2, 2));
    }
}
