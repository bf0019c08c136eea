package io.recon4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.recon4j.nn.LinearLayer;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Momentum SGD and LARS against updates computed by hand, and the per-iteration warm-up cosine. The gradients
 * are derived analytically (loss = Σ(Wx + b) has dW = [x; x], db = 1), so a step that forgot to zero them
 * (DJL accumulates) would apply g1 + g2 on the second step and fail.
 */
@Tag("fast")
class MomentumSgdTest {

    private static final float[][] INPUTS = {{1f, -2f, 0.5f}, {3f, 0.25f, -1f}};

    /** Runs two steps of {@code opt} on a 3→2 Linear and compares every weight and bias with {@code expect}. */
    private static void twoSteps(boolean lars, float weightDecay) {
        try (NDManager m = NDManager.newBaseManager()) {
            LinearLayer layer = new LinearLayer(3, 2, true);
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            Map<String, Parameter> params = layer.stateDict();
            // Weights of norm ~4.6 so that LARS steps (0.001 of it) are far above the float tolerance; a non-zero
            // bias so that a (wrong) trust ratio on it would change its update.
            params.get("weight").getArray().set(new float[] {1f, 2f, 3f, -1f, 0.5f, 2f});
            params.get("bias").getArray().set(new float[] {0.5f, 0.5f});
            double[] w = toDouble(params.get("weight").getArray().toFloatArray());
            double[] b = toDouble(params.get("bias").getArray().toFloatArray());
            double[] bufW = new double[6];
            double[] bufB = new double[2];
            double lr = 0.3;
            try (MomentumSgd opt = lars ? MomentumSgd.lars(m, params, 0.9f, weightDecay, 0.001f)
                    : MomentumSgd.sgd(m, params, 0.9f, weightDecay)) {
                for (int step = 0; step < 2; step++) {
                    float[] x = INPUTS[step];
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray in = m.create(x, new Shape(1, 3));
                        gc.backward(layer.forward(new ParameterStore(m, false), in, true).sum());
                    }
                    opt.step(lr);
                    double[] dW = new double[6];
                    for (int i = 0; i < 6; i++) {
                        dW[i] = x[i % 3] + weightDecay * w[i];
                    }
                    double[] dB = {1 + (lars ? 0 : weightDecay * b[0]), 1 + (lars ? 0 : weightDecay * b[1])};
                    if (lars) {
                        double ratio = 0.001 * norm(w) / norm(dW); // matrices only; the 1-D bias keeps its gradient
                        for (int i = 0; i < 6; i++) {
                            dW[i] *= ratio;
                        }
                    }
                    for (int i = 0; i < 6; i++) {
                        bufW[i] = 0.9 * bufW[i] + dW[i];
                        w[i] -= lr * bufW[i];
                    }
                    for (int i = 0; i < 2; i++) {
                        bufB[i] = 0.9 * bufB[i] + dB[i];
                        b[i] -= lr * bufB[i];
                    }
                    assertClose(w, params.get("weight").getArray().toFloatArray(), "weight after step " + (step + 1));
                    assertClose(b, params.get("bias").getArray().toFloatArray(), "bias after step " + (step + 1));
                }
                assertEquals(2, opt.stepCount());
            }
        }
    }

    @Test
    void momentumSgdMatchesTheTorchFormula() {
        twoSteps(false, 0f);
    }

    @Test
    void momentumSgdWithWeightDecayDecaysEveryParameter() {
        twoSteps(false, 0.1f);
    }

    @Test
    void larsScalesOnlyMatricesByTheirTrustRatio() {
        twoSteps(true, 0f);
    }

    @Test
    void larsWithWeightDecayDecaysOnlyMatrices() {
        twoSteps(true, 0.05f);
    }

    @Test
    void larsNeedsAPositiveTrustCoefficient() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> MomentumSgd.lars(m, Map.of(), 0.9f, 0f, 0f));
        }
    }

    @Test
    void warmupCosineRisesLinearlyThenFollowsAHalfCosine() {
        WarmupCosine s = new WarmupCosine(0.4, 1e-6, 100, 1100);
        assertEquals(0, s.at(0), 0);
        assertEquals(0.2, s.at(50), 1e-12);
        assertEquals(0.4, s.at(100), 1e-12);
        assertEquals(1e-6 + (0.4 - 1e-6) / 2, s.at(600), 1e-12, "half way through the cosine");
        assertEquals(1e-6 + (0.4 - 1e-6) * 0.5 * (1 + Math.cos(Math.PI * 0.25)), s.at(350), 1e-12);
        assertEquals(1e-6, s.at(1100), 0);
        assertEquals(0.4, new WarmupCosine(0.4, 0, 0, 10).at(0), 0, "no warm-up starts at the peak");
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosine(0.4, 0, 10, 10));
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 + 1e-6 * Math.abs(expected[i]), what + " [" + i + "]");
        }
    }
}
