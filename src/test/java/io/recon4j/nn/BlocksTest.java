package io.recon4j.nn;

import static io.recon4j.nn.Ref.add;
import static io.recon4j.nn.Ref.crossAttnRef;
import static io.recon4j.nn.Ref.d;
import static io.recon4j.nn.Ref.layerNorm;
import static io.recon4j.nn.Ref.linear;
import static io.recon4j.nn.Ref.mlpRef;
import static io.recon4j.nn.Ref.p;
import static io.recon4j.nn.Ref.selfAttnRef;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each shared block against a plain-Java reference written from the spec (recon.md §1.2–1.6, fixtures README §8). */
@Tag("fast")
class BlocksTest extends ArrayFixture {

    BlocksTest() {
        super(11);
    }

    <B extends ModuleBlock> B init(B block) {
        return randomised(block);
    }

    @Test
    void linearAndConv1x1() {
        LinearLayer lin = init(new LinearLayer(5, 3, true));
        NDArray x = randn(2, 4, 5);
        Map<String, Parameter> sd = lin.stateDict();
        close(linear(d(x), 8, 5, p(sd, "weight"), p(sd, "bias"), 3), lin.forward(ps, x, false));
        LinearLayer conv = init(LinearLayer.conv1x1(5, 3));
        assertArrayEquals(new long[] {3, 5, 1}, conv.stateDict().get("weight").getArray().getShape().getShape());
        Map<String, Parameter> cd = conv.stateDict();
        close(linear(d(x), 8, 5, p(cd, "weight"), p(cd, "bias"), 3), conv.forward(ps, x, false));
        assertEquals(1, new LinearLayer(5, 3, false).stateDict().size(), "no bias parameter when bias=false");
    }

    @Test
    void layerNormOverTheLastAxisOnly() {
        LayerNormLayer ln = init(new LayerNormLayer(6));
        NDArray x = randn(2, 3, 6);
        Map<String, Parameter> sd = ln.stateDict();
        close(layerNorm(d(x), 6, 6, p(sd, "weight"), p(sd, "bias"), 1e-5), ln.forward(ps, x, false));
    }

    @Test
    void batchNormEvalUsesRunningStatsAndTrainUpdatesThem() {
        BatchNormLayer bn = init(new BatchNormLayer(4));
        Map<String, Parameter> sd = bn.stateDict();
        double[] g = p(sd, "weight");
        double[] b = p(sd, "bias");
        double[] mean = p(sd, "running_mean");
        double[] var = p(sd, "running_var");
        NDArray x = randn(3, 5, 4);
        double[] xs = d(x);
        double[] want = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            int c = i % 4;
            want[i] = (xs[i] - mean[c]) / Math.sqrt(var[c] + 1e-5) * g[c] + b[c];
        }
        close(want, bn.forward(ps, x, false));
        assertEquals(0, bn.counters().get("num_batches_tracked")[0]);

        // Train mode: batch statistics over all 15 rows, running stats move by torch momentum 0.1 (unbiased var).
        NDArray y = bn.forward(ps, x, true);
        for (int c = 0; c < 4; c++) {
            double mu = 0;
            for (int r = 0; r < 15; r++) {
                mu += xs[r * 4 + c];
            }
            mu /= 15;
            double ss = 0;
            for (int r = 0; r < 15; r++) {
                ss += (xs[r * 4 + c] - mu) * (xs[r * 4 + c] - mu);
            }
            for (int r = 0; r < 15; r++) {
                double w = (xs[r * 4 + c] - mu) / Math.sqrt(ss / 15 + 1e-5) * g[c] + b[c];
                assertEquals(w, y.toFloatArray()[r * 4 + c], 1e-4);
            }
            assertEquals(0.9 * mean[c] + 0.1 * mu, p(sd, "running_mean")[c], 1e-5);
            assertEquals(0.9 * var[c] + 0.1 * ss / 14, p(sd, "running_var")[c], 1e-5);
        }
        assertEquals(1, bn.counters().get("num_batches_tracked")[0]);
    }

    @Test
    void mlpIsFc1ExactGeluFc2() {
        Mlp mlp = init(new Mlp(4, 16));
        NDArray x = randn(1, 5, 4);
        close(mlpRef(mlp.stateDict(), "", d(x), 5, 4, 16), mlp.forward(ps, x, false));
    }

    @Test
    void selfAttentionSplitsQkvAndHeadsAsTheOfficialCode() {
        Attention attn = init(new Attention(8, 2));
        assertEquals(3, attn.stateDict().size(), "qkv without bias, proj with bias");
        NDArray x = randn(1, 6, 8);
        close(selfAttnRef(attn.stateDict(), "", d(x), 6, 8, 2), attn.forward(ps, x, false));
    }

    @Test
    void crossAttentionReadsKeysAndValuesFromTheContext() {
        CrossAttention attn = init(new CrossAttention(8, 4));
        NDArray q = randn(1, 3, 8);
        NDArray ctx = randn(1, 7, 8);
        close(crossAttnRef(attn.stateDict(), "", d(q), 3, d(ctx), 7, 8, 4), attn.forward(ps, q, ctx, false));
    }

    @Test
    void caeCrossAttentionHasQAndVBiasesAndTakesKeysAndValuesSeparately() {
        CrossAttention attn = init(new CrossAttention(8, 4, CrossAttention.Layout.CAE, Inits.truncNormal(0.02f)));
        Map<String, Parameter> sd = attn.stateDict();
        assertEquals(List.of("q.weight", "k.weight", "v.weight", "q_bias", "v_bias", "proj.weight", "proj.bias"),
                List.copyOf(sd.keySet()), "CAE's parameter names and order");
        NDArray q = randn(1, 3, 8);
        NDArray k = randn(1, 7, 8);
        NDArray v = randn(1, 7, 8);
        double[] qq = linear(d(q), 3, 8, p(sd, "q.weight"), p(sd, "q_bias"), 8);
        double[] kk = linear(d(k), 7, 8, p(sd, "k.weight"), null, 8); // the keys' bias is fixed at zero
        double[] vv = linear(d(v), 7, 8, p(sd, "v.weight"), p(sd, "v_bias"), 8);
        double[] o = linear(Ref.attend(qq, kk, vv, 3, 7, 8, 4), 3, 8, p(sd, "proj.weight"), p(sd, "proj.bias"), 8);
        close(o, attn.forward(ps, q, k, v, false));
        CrossAttention recon = init(new CrossAttention(8, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recon.forward(ps, q, k, v, false));
        assertTrue(e.getMessage().contains("separate keys and values need the CAE layout"), e.getMessage());
    }

    @Test
    void transformerBlockIsStandardPreNorm() {
        int c = 8;
        TransformerBlock block = init(new TransformerBlock(c, 2, 4f, 0f, Inits.xavierUniform()));
        Map<String, Parameter> sd = block.stateDict();
        NDArray x = randn(1, 4, c);
        double[] h = add(d(x), selfAttnRef(sd, "attn.", layerNorm(d(x), 4, c, p(sd, "norm1.weight"), p(sd, "norm1.bias"), 1e-5), 4, c, 2));
        double[] y = add(h, mlpRef(sd, "mlp.", layerNorm(h, 4, c, p(sd, "norm2.weight"), p(sd, "norm2.bias"), 1e-5), 4, c, 4 * c));
        close(y, block.forward(ps, x, false));
    }

    @Test
    void dropPathDropsWholeSamplesAndFollowsTheLinearSchedule() {
        DropPath dp = new DropPath(0.5f);
        NDArray x = m.ones(new Shape(64, 3, 2));
        close(d(x), dp.apply(x, false));
        float[] y = dp.apply(x, true).toFloatArray();
        int kept = 0;
        for (int s = 0; s < 64; s++) {
            float first = y[s * 6];
            assertTrue(first == 0f || first == 2f, "sample scaled by 1/keep or dropped: " + first);
            for (int i = 1; i < 6; i++) {
                assertEquals(first, y[s * 6 + i], "one decision per sample");
            }
            kept += first > 0 ? 1 : 0;
        }
        assertTrue(kept > 16 && kept < 48, "about half kept: " + kept);
        assertArrayEquals(new float[] {0f, 0.05f, 0.1f}, DropPath.schedule(0.1f, 3), 1e-7f);
    }

    @Test
    void sharedMlpOnAConcatenationNeedsNoConcatenationInTrainingToo() {
        SharedMlp mlp = init(new SharedMlp(7, 9, 4));
        NDArray shared = randn(3, 1, 3);
        NDArray local = randn(3, 5, 4);
        shared.setRequiresGradient(true);
        local.setRequiresGradient(true);
        double[] viaConcat;
        double[] gradShared;
        double[] gradLocal;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray cat = NDArrays.concat(new NDList(shared.broadcast(3, 5, 3), local), 2);
            NDArray y = mlp.forward(ps, cat, true);
            viaConcat = d(y);
            gc.backward(y.mul(y).sum());
            gradShared = d(shared.getGradient());
            gradLocal = d(local.getGradient());
        }
        NDArray shared2 = shared.duplicate();
        NDArray local2 = local.duplicate();
        shared2.setRequiresGradient(true);
        local2.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = mlp.forwardConcat(ps, shared2, local2, true); // BatchNorm in training mode: batch statistics
            close(viaConcat, y);
            gc.backward(y.mul(y).sum());
            close(gradShared, shared2.getGradient());
            close(gradLocal, local2.getGradient());
        }
        assertThrows(IllegalArgumentException.class,
                () -> mlp.forwardConcat(ps, randn(3, 1, 2), local, false));
    }


    private static void ulpClose(float[] want, float[] got) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 4 * Math.ulp(Math.max(1f, Math.abs(want[i]))), "element " + i);
        }
    }

    @Test
    void inferenceOverwritesTheHiddenActivationsWithinFloatRounding() {
        SharedMlp mlp = init(new SharedMlp(7, 9, 4));
        NDArray x = randn(3, 5, 7);
        NDArray shared = randn(3, 1, 3);
        NDArray local = randn(3, 5, 4);
        float[] graph;
        float[] graphConcat;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertFalse(NoGrad.inference(false), "a gradient collector records: the out-of-place path");
            graph = mlp.forward(ps, x, false).toFloatArray();
            graphConcat = mlp.forwardConcat(ps, shared, local, false).toFloatArray();
        }
        assertFalse(local.isReleased(), "kept while a graph may need it");
        try (NoGrad ng = NoGrad.open()) {
            assertTrue(NoGrad.inference(false));
            assertFalse(NoGrad.inference(true), "train mode updates running statistics: never in place");
            // BN as x·α+β (libtorch's eval form; its kernel may fuse the multiply-add): within float rounding.
            ulpClose(graph, mlp.forward(ps, x, false).toFloatArray());
            ulpClose(graphConcat, mlp.forwardConcat(ps, shared, local, false).toFloatArray());
            assertTrue(local.isReleased(), "the local input is freed once the first conv has read it");
            assertFalse(x.isReleased(), "forward never closes its input");
        }
        double[] xs = d(x);
        assertTrue(java.util.Arrays.stream(xs).anyMatch(v -> v < 0), "the input exercises ReLU's negative side");
    }
}
