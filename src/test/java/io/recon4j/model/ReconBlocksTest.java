package io.recon4j.model;

import static io.recon4j.nn.Ref.add;
import static io.recon4j.nn.Ref.crossAttnRef;
import static io.recon4j.nn.Ref.d;
import static io.recon4j.nn.Ref.gelu;
import static io.recon4j.nn.Ref.layerNorm;
import static io.recon4j.nn.Ref.linear;
import static io.recon4j.nn.Ref.mlpRef;
import static io.recon4j.nn.Ref.p;
import static io.recon4j.nn.Ref.selfAttnRef;
import static io.recon4j.nn.Ref.sharedMlp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.recon4j.nn.ArrayFixture;
import io.recon4j.nn.NoGrad;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ReCon's own blocks against plain-Java references written from the spec (recon.md §1.2–1.6, fixtures README §8). */
@Tag("fast")
class ReconBlocksTest extends ArrayFixture {

    ReconBlocksTest() {
        super(11);
    }

    @Test
    void reconBlockTakesTheResidualFromTheNormalisedTensor() {
        int c = 8;
        ReconBlock block = randomised(new ReconBlock(c, 2, 4f, 0f));
        Map<String, Parameter> sd = block.stateDict();
        NDArray q = randn(1, 3, c);
        NDArray l = randn(1, 5, c);
        double[] qn = layerNorm(d(q), 3, c, p(sd, "norm1_contrast.weight"), p(sd, "norm1_contrast.bias"), 1e-5);
        double[] ln = layerNorm(d(l), 5, c, p(sd, "norm1.weight"), p(sd, "norm1.bias"), 1e-5);
        double[] q1 = add(qn, crossAttnRef(sd, "attn_contrast.", qn, 3, ln, 5, c, 2));
        double[] l1 = add(ln, selfAttnRef(sd, "attn.", ln, 5, c, 2));
        double[] q2 = layerNorm(q1, 3, c, p(sd, "norm2_contrast.weight"), p(sd, "norm2_contrast.bias"), 1e-5);
        double[] l2 = layerNorm(l1, 5, c, p(sd, "norm2.weight"), p(sd, "norm2.bias"), 1e-5);
        NDList out = block.forward(ps, q, l, false, false);
        close(add(q2, mlpRef(sd, "mlp_contrast.", q2, 3, c, 4 * c)), out.get(0));
        close(add(l2, mlpRef(sd, "mlp.", l2, 5, c, 4 * c)), out.get(1));
        // The locals never read the queries.
        close(d(out.get(1)), block.forward(ps, randn(1, 3, c), l, false, false).get(1));
    }

    @Test
    void stopGradientCutsTheQueriesPathIntoTheLocalsOnlyWhenAsked() {
        ReconBlock block = randomised(new ReconBlock(8, 2, 4f, 0f));
        for (boolean detach : new boolean[] {true, false}) {
            NDArray q = randn(1, 3, 8);
            NDArray l = randn(1, 5, 8);
            l.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = block.forward(ps, q, l, detach, true).get(0).sum();
                gc.backward(loss);
            }
            float g = l.getGradient().abs().sum().getFloat();
            assertTrue(detach ? g == 0f : g > 0f, "detach=" + detach + " gradient " + g);
        }
    }

    @Test
    void miniPointNetPutsTheGlobalFeatureFirstAndIsOrderInvariant() {
        int c = 6;
        MiniPointNet net = randomised(new MiniPointNet(c));
        Map<String, Parameter> sd = net.stateDict();
        NDArray groups = randn(1, 2, 5, 3);
        double[] pts = d(groups);
        double[] want = new double[2 * c];
        for (int g = 0; g < 2; g++) {
            double[] x = java.util.Arrays.copyOfRange(pts, g * 15, g * 15 + 15);
            double[] f = sharedMlp(sd, "first_conv.", x, 5, 3, 128, 256);
            double[] cat = new double[5 * 512];
            for (int k = 0; k < 5; k++) {
                for (int ch = 0; ch < 256; ch++) {
                    double mx = Double.NEGATIVE_INFINITY;
                    for (int kk = 0; kk < 5; kk++) {
                        mx = Math.max(mx, f[kk * 256 + ch]);
                    }
                    cat[k * 512 + ch] = mx;
                    cat[k * 512 + 256 + ch] = f[k * 256 + ch];
                }
            }
            double[] h = sharedMlp(sd, "second_conv.", cat, 5, 512, 512, c);
            for (int ch = 0; ch < c; ch++) {
                double mx = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 5; k++) {
                    mx = Math.max(mx, h[k * c + ch]);
                }
                want[g * c + ch] = mx;
            }
        }
        NDArray tokens = net.forward(ps, groups, false);
        close(want, tokens);
        NDArray reversed = groups.flip(2);
        close(d(tokens), net.forward(ps, reversed, false));
    }

    @Test
    void miniPointNetAtInferenceEmbedsInChunksWithTheSameTokens() {
        MiniPointNet net = randomised(new MiniPointNet(8));
        long groups = MiniPointNet.INFERENCE_CHUNK_GROUPS + 44; // two chunks, the second one short
        NDArray neighborhood = randn(2, groups / 2, 6, 3);
        float[] whole;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            whole = net.forward(ps, neighborhood, false).toFloatArray(); // recording: one pass over all groups
        }
        try (NoGrad ng = NoGrad.open()) {
            NDArray chunked = net.forward(ps, neighborhood, false);
            assertArrayEquals(new long[] {2, groups / 2, 8}, chunked.getShape().getShape());
            float[] got = chunked.toFloatArray();
            double scale = 1;
            for (float v : whole) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < whole.length; i++) {
                // GEMMs over fewer rows may block differently: equal within the parity tolerance, not to the bit.
                assertEquals(whole[i], got[i], 1e-5 * scale, "token value " + i);
            }
        }
    }

    @Test
    void positionalMlpAndGlobalQueryOrder() {
        PositionalMlp pos = randomised(new PositionalMlp(4));
        Map<String, Parameter> sd = pos.stateDict();
        NDArray centers = randn(1, 3, 3);
        double[] h = gelu(linear(d(centers), 3, 3, p(sd, "0.weight"), p(sd, "0.bias"), 128));
        close(linear(h, 3, 128, p(sd, "2.weight"), p(sd, "2.bias"), 4), pos.forward(ps, centers, false));

        GlobalQueries queries = randomised(new GlobalQueries(4, false));
        Map<String, Parameter> qd = queries.stateDict();
        NDArray like = m.zeros(new Shape(2, 1, 4));
        double[] tokens = d(queries.tokens(ps, like, false));
        double[] positions = d(queries.positions(ps, like, false));
        String[] order = {"cls", "img", "text"};
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int ch = 0; ch < 4; ch++) {
                    assertEquals(p(qd, order[i] + "_token")[ch], tokens[(b * 3 + i) * 4 + ch], 0);
                    assertEquals(p(qd, order[i] + "_pos")[ch], positions[(b * 3 + i) * 4 + ch], 0);
                }
            }
        }
        assertTrue(new GlobalQueries(4, true).stateDict().containsKey("cls_token"));
    }
}
