package io.recon4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.recon4j.nn.BatchNormLayer;
import io.recon4j.nn.Ref;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The probe heads' wiring: parameter-free BatchNorm, official names, shapes, and the attentive block's lack of a residual. */
@Tag("fast")
class ProbeHeadsTest {

    /** @return an initialised attentive probe over D-wide tokens */
    private static AttentiveProbe attentive(NDManager m, int dim, int heads, int classes) {
        AttentiveProbe probe = new AttentiveProbe(dim, heads, classes);
        probe.initialize(m, DataType.FLOAT32, new Shape(1, 1, dim));
        return probe;
    }

    @Test
    void batchNormWithoutAffineHasNoParametersAndOnlyNormalises() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNormLayer bn = new BatchNormLayer(2, 1e-6f, false);
            bn.initialize(m, DataType.FLOAT32, new Shape(4, 2));
            assertEquals(List.of("running_mean", "running_var"), List.copyOf(bn.stateDict().keySet()));
            assertTrue(bn.stateDict().values().stream().noneMatch(Parameter::requiresGradient), "nothing to train");
            float[] x = {1f, 10f, 2f, 20f, 3f, 30f, 6f, 60f};
            float[] y = bn.forward(new ParameterStore(m, false), m.create(x, new Shape(4, 2)), true).toFloatArray();
            // column 0 = {1, 2, 3, 6}: mean 3, biased variance 3.5; column 1 is ten times column 0 → the same output.
            for (int r = 0; r < 4; r++) {
                double expected = (x[2 * r] - 3) / Math.sqrt(3.5 + 1e-6);
                assertEquals(expected, y[2 * r], 1e-5, "row " + r);
                assertEquals(expected, y[2 * r + 1], 1e-5, "row " + r + ", scaled column");
            }
        }
    }

    @Test
    void linearProbeIsBatchNormThenLinearOnTheClsToken() {
        try (NDManager m = NDManager.newBaseManager()) {
            LinearProbe probe = new LinearProbe(8, 3);
            probe.initialize(m, DataType.FLOAT32, new Shape(4, 8));
            assertEquals(List.of("head.0.running_mean", "head.0.running_var", "head.1.weight", "head.1.bias"),
                    List.copyOf(probe.stateDict().keySet()));
            assertEquals(ProbeHead.Input.CLS_TOKEN, probe.input());
            assertEquals(List.of("head.1.weight", "head.1.bias"), List.copyOf(probe.optimizer(m).parameters().keySet()));
            NDArray logits = probe.forward(new ParameterStore(m, false), m.randomNormal(new Shape(4, 8)), true);
            assertEquals(new Shape(4, 3), logits.getShape());
            float[] w = probe.stateDict().get("head.1.weight").getArray().toFloatArray();
            double sq = 0;
            for (float v : w) {
                sq += v * v;
            }
            double std = Math.sqrt(sq / w.length);
            assertTrue(std > 0.004 && std < 0.02, "head weight ~ N(0, 0.01²), got std " + std);
        }
    }

    @Test
    void attentiveProbeHasTheOfficialPartsAndShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            AttentiveProbe probe = attentive(m, 16, 4, 10);
            Map<String, Parameter> sd = probe.stateDict();
            assertEquals(List.of("query_token",
                    "attentive_blocks.0.norm_q.weight", "attentive_blocks.0.norm_q.bias",
                    "attentive_blocks.0.norm_k.weight", "attentive_blocks.0.norm_k.bias",
                    "attentive_blocks.0.norm_v.weight", "attentive_blocks.0.norm_v.bias",
                    "attentive_blocks.0.cross_attn.q.weight", "attentive_blocks.0.cross_attn.k.weight",
                    "attentive_blocks.0.cross_attn.v.weight", "attentive_blocks.0.cross_attn.q_bias",
                    "attentive_blocks.0.cross_attn.v_bias", "attentive_blocks.0.cross_attn.proj.weight",
                    "attentive_blocks.0.cross_attn.proj.bias",
                    "fc_norm.running_mean", "fc_norm.running_var", "head.weight", "head.bias"), List.copyOf(sd.keySet()));
            assertEquals(new Shape(1, 1, 16), sd.get("query_token").getArray().getShape());
            assertEquals(0f, sd.get("query_token").getArray().abs().sum().getFloat(), "the query starts at zero, as officially");
            assertEquals(ProbeHead.Input.ALL_TOKENS, probe.input());
            assertFalse(probe.optimizer(m).parameters().containsKey("fc_norm.running_mean"));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray tokens = m.randomNormal(new Shape(3, 5, 16));
            assertEquals(new Shape(3, 16), probe.pooled(ps, tokens, true).getShape());
            assertEquals(new Shape(3, 10), probe.forward(ps, tokens, true).getShape());
        }
    }

    @Test
    void attentiveReadOutMatchesAPlainJavaReference() {
        int c = 8;
        int t = 5;
        try (NDManager m = NDManager.newBaseManager()) {
            AttentiveProbe probe = attentive(m, c, 2, 3);
            Map<String, Parameter> sd = probe.stateDict();
            Random rng = new Random(5);
            for (Parameter p : sd.values()) {
                float[] v = new float[(int) p.getArray().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = p.getType() == Parameter.Type.RUNNING_VAR ? 1f : (float) (rng.nextGaussian() * 0.5);
                }
                p.getArray().set(v);
            }
            float[] x = new float[2 * t * c];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            float[] got = probe.pooled(new ParameterStore(m, false), m.create(x, new Shape(2, t, c)), false).toFloatArray();
            String b = "attentive_blocks.0.";
            double[] q = Ref.layerNorm(Ref.p(sd, "query_token"), 1, c, Ref.p(sd, b + "norm_q.weight"), Ref.p(sd, b + "norm_q.bias"), 1e-6);
            q = Ref.linear(q, 1, c, Ref.p(sd, b + "cross_attn.q.weight"), Ref.p(sd, b + "cross_attn.q_bias"), c);
            for (int s = 0; s < 2; s++) {
                double[] xs = new double[t * c];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = x[s * t * c + i];
                }
                double[] k = Ref.layerNorm(xs, t, c, Ref.p(sd, b + "norm_k.weight"), Ref.p(sd, b + "norm_k.bias"), 1e-6);
                double[] v = Ref.layerNorm(xs, t, c, Ref.p(sd, b + "norm_v.weight"), Ref.p(sd, b + "norm_v.bias"), 1e-6);
                k = Ref.linear(k, t, c, Ref.p(sd, b + "cross_attn.k.weight"), null, c);
                v = Ref.linear(v, t, c, Ref.p(sd, b + "cross_attn.v.weight"), Ref.p(sd, b + "cross_attn.v_bias"), c);
                double[] o = Ref.linear(Ref.attend(q, k, v, 1, t, c, 2), 1, c, Ref.p(sd, b + "cross_attn.proj.weight"),
                        Ref.p(sd, b + "cross_attn.proj.bias"), c);
                for (int i = 0; i < c; i++) {
                    assertEquals(o[i], got[s * c + i], 2e-5 * Math.max(1, Math.abs(o[i])), "sample " + s + " channel " + i);
                }
            }
        }
    }

    @Test
    void attentiveBlockOutputIsTheAttentionReadOutAloneWithoutResidual() {
        try (NDManager m = NDManager.newBaseManager()) {
            AttentiveProbe probe = attentive(m, 8, 2, 4);
            Map<String, Parameter> sd = probe.stateDict();
            float[] query = {3f, -1f, 4f, 1f, -5f, 9f, 2f, -6f};
            sd.get("query_token").getArray().set(query);
            // With proj = 0·x + b the read-out is b whatever the attention does; a residual would add the query.
            float[] bias = {0.5f, -0.25f, 1f, 2f, -3f, 0.125f, 0f, 7f};
            sd.get("attentive_blocks.0.cross_attn.proj.weight").getArray().set(new float[64]);
            sd.get("attentive_blocks.0.cross_attn.proj.bias").getArray().set(bias);
            NDArray tokens = m.randomNormal(new Shape(2, 6, 8));
            float[] out = probe.pooled(new ParameterStore(m, false), tokens, true).toFloatArray();
            for (int b = 0; b < 2; b++) {
                float[] row = Arrays.copyOfRange(out, 8 * b, 8 * b + 8);
                assertArrayEquals(bias, row, 1e-6f, "sample " + b + ": exactly the projection bias, no query added");
            }
        }
    }

    @Test
    void pixelEncoderFlattensEachImageIntoOneToken() {
        try (NDManager m = NDManager.newBaseManager()) {
            PixelEncoder e = new PixelEncoder(1, 2, 3);
            assertEquals(6, e.dim());
            NDArray images = m.arange(12f).reshape(2, 1, 2, 3);
            NDArray tokens = e.encode(images);
            assertEquals(new Shape(2, 1, 6), tokens.getShape());
            assertArrayEquals(images.toFloatArray(), tokens.toFloatArray());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> e.encode(m.zeros(new Shape(2, 1, 3, 2))));
            assertTrue(bad.getMessage().contains("(B, 1, 2, 3) images got (2, 1, 3, 2)"), bad.getMessage());
        }
    }
}
