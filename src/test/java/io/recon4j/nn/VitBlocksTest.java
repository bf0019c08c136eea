package io.recon4j.nn;

import static io.recon4j.nn.Ref.add;
import static io.recon4j.nn.Ref.cols;
import static io.recon4j.nn.Ref.d;
import static io.recon4j.nn.Ref.gelu;
import static io.recon4j.nn.Ref.layerNorm;
import static io.recon4j.nn.Ref.linear;
import static io.recon4j.nn.Ref.p;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The BEiT/CAE options of the shared blocks (q/v-only biases, LayerScale, LN eps 1e-6) against plain-Java references. */
@Tag("fast")
class VitBlocksTest extends ArrayFixture {

    static final BlockOptions CAE = new BlockOptions(4f, Inits.xavierUniform(), 1e-6f, true, 0.1f);

    VitBlocksTest() {
        super(5);
    }

    /** adds a (C) vector to every row of (R, C) */
    static double[] addRows(double[] x, int rows, int c, double[] bias) {
        double[] y = x.clone();
        for (int i = 0; i < rows * c; i++) {
            y[i] += bias[i % c];
        }
        return y;
    }

    /** multiplies every row of (R, C) by a (C) vector */
    static double[] scaleRows(double[] x, int c, double[] gamma) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= gamma[i % c];
        }
        return y;
    }

    /** BEiT attention: qkv without bias, then + q_bias on queries, + v_bias on values, keys unbiased. */
    static double[] qvBiasAttnRef(Map<String, Parameter> sd, String prefix, double[] x, int len, int c, int heads) {
        double[] qkv = linear(x, len, c, p(sd, prefix + "qkv.weight"), null, 3 * c);
        double[] q = addRows(cols(qkv, len, 3 * c, 0, c), len, c, p(sd, prefix + "q_bias"));
        double[] v = addRows(cols(qkv, len, 3 * c, 2 * c, 3 * c), len, c, p(sd, prefix + "v_bias"));
        double[] o = Ref.attend(q, cols(qkv, len, 3 * c, c, 2 * c), v, len, len, c, heads);
        return linear(o, len, c, p(sd, prefix + "proj.weight"), p(sd, prefix + "proj.bias"), c);
    }

    @Test
    void attentionWithQvBiasAddsLearnedBiasesToQueriesAndValuesOnly() {
        Attention attn = randomised(new Attention(8, 2, Inits.xavierUniform(), true));
        assertEquals(List.of("q_bias", "v_bias", "qkv.weight", "proj.weight", "proj.bias"), List.copyOf(attn.stateDict().keySet()));
        NDArray x = randn(1, 5, 8);
        close(qvBiasAttnRef(attn.stateDict(), "", d(x), 5, 8, 2), attn.forward(ps, x, false));
    }

    @Test
    void layerScaleBlockScalesEachResidualBranchAndUsesItsEps() {
        int c = 8;
        TransformerBlock block = randomised(new TransformerBlock(c, 2, 0f, CAE));
        Map<String, Parameter> sd = block.stateDict();
        assertEquals(List.of("gamma_1", "gamma_2"), List.copyOf(sd.keySet()).subList(0, 2), "official: the gammas first");
        NDArray x = randn(1, 4, c);
        double[] n1 = layerNorm(d(x), 4, c, p(sd, "norm1.weight"), p(sd, "norm1.bias"), 1e-6);
        double[] h = add(d(x), scaleRows(qvBiasAttnRef(sd, "attn.", n1, 4, c, 2), c, p(sd, "gamma_1")));
        double[] n2 = layerNorm(h, 4, c, p(sd, "norm2.weight"), p(sd, "norm2.bias"), 1e-6);
        double[] hid = gelu(linear(n2, 4, c, p(sd, "mlp.fc1.weight"), p(sd, "mlp.fc1.bias"), 4 * c));
        double[] mlp = linear(hid, 4, 4 * c, p(sd, "mlp.fc2.weight"), p(sd, "mlp.fc2.bias"), c);
        close(add(h, scaleRows(mlp, c, p(sd, "gamma_2"))), block.forward(ps, x, false));
    }

    @Test
    void layerScaleStartsAtItsInitValueAndThePlainBlockHasNone() {
        TransformerBlock block = new TransformerBlock(8, 2, 0f, CAE);
        block.initialize(m, DataType.FLOAT32, new Shape(1, 1));
        float[] g = block.stateDict().get("gamma_2").getArray().toFloatArray();
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, g);
        assertTrue(new TransformerBlock(8, 2, 4f, 0f, Inits.xavierUniform()).stateDict().keySet().stream()
                .noneMatch(k -> k.startsWith("gamma") || k.endsWith("_bias")));
    }

    @Test
    void cutTruncatedNormalStaysWithinOneStdWithTheTruncatedSpread() {
        NDArray a = Inits.truncNormalWithinStd(0.02f).initialize(m, new Shape(200_000), DataType.FLOAT32);
        float[] v = a.toFloatArray();
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            assertTrue(Math.abs(x) <= 0.02f, "value " + x + " beyond ±std");
            sum += x;
            sq += x * x;
        }
        double sd = Math.sqrt(sq / v.length - (sum / v.length) * (sum / v.length));
        // A normal cut at ±1σ has standard deviation sqrt(1 - 2φ(1)/(2Φ(1)-1)) σ = 0.5396 σ.
        assertEquals(0.5396 * 0.02, sd, 0.02 * 0.01);
        assertEquals(0, sum / v.length, 1e-4);
    }

    @Test
    void noGradRecordsNothingInsideACollector() {
        NDArray x = randn(3);
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray free;
            try (NoGrad off = NoGrad.open()) {
                free = x.mul(2f);
            }
            gc.backward(free.add(x.mul(3f)).sum());
        }
        assertArrayEquals(new float[] {3f, 3f, 3f}, x.getGradient().toFloatArray(), 0f, "only the recorded 3x path");
    }

    @Test
    void blockOptionsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new BlockOptions(4f, Inits.ZEROS, 1e-6f, true, -1f));
        assertThrows(IllegalArgumentException.class, () -> new BlockOptions(0f, Inits.ZEROS, 1e-6f, true, 0.1f));
    }
}
