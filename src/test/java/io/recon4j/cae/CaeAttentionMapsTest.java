package io.recon4j.cae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.analysis.AttentionRecorder;
import io.recon4j.analysis.MassBoundary;
import io.recon4j.image.ImageDataset;
import io.recon4j.nn.Attention;
import io.recon4j.nn.Inits;
import io.recon4j.nn.NoGrad;
import io.recon4j.probe.AttentiveProbe;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attention the CAE analyses draw is the attention the modules apply: with the value and output projections
 * set to identities, a module's output is the recorded probabilities times its (normalised) inputs, computed here.
 */
@Tag("fast")
class CaeAttentionMapsTest {

    @TempDir
    Path dir;

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[] identity(int c) {
        float[] w = new float[c * c];
        for (int i = 0; i < c; i++) {
            w[i * c + i] = 1;
        }
        return w;
    }

    private static void set(Map<String, ai.djl.nn.Parameter> sd, String name, float[] values) {
        sd.get(name).getArray().set(values);
    }

    /** out[b, i, h-th channel slice] = Σ_j probs[b, h, i, j] · v[b, j, same slice]. */
    private static float[] mix(float[] probs, float[] v, int b, int h, int lq, int lk, int c) {
        int d = c / h;
        float[] out = new float[b * lq * c];
        for (int bi = 0; bi < b; bi++) {
            for (int hi = 0; hi < h; hi++) {
                for (int i = 0; i < lq; i++) {
                    for (int j = 0; j < lk; j++) {
                        float a = probs[((bi * h + hi) * lq + i) * lk + j];
                        for (int k = 0; k < d; k++) {
                            out[(bi * lq + i) * c + hi * d + k] += a * v[(bi * lk + j) * c + hi * d + k];
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void recordedSelfAttentionIsWhatTheCaeBlockApplies() {
        int b = 2;
        int l = 5;
        int c = 8;
        int h = 2;
        try (NDManager m = NDManager.newBaseManager(); NoGrad off = NoGrad.open()) {
            Engine.getInstance().setRandomSeed(3);
            // The CAE encoder's attention: q/v biases, xavier weights (CaeConfig.blockOptions).
            Attention attn = new Attention(c, h, Inits.xavierUniform(), true);
            attn.initialize(m, DataType.FLOAT32, new Shape(b, l, c));
            Random r = new Random(1);
            Map<String, ai.djl.nn.Parameter> sd = attn.stateDict();
            float[] qkv = sd.get("qkv.weight").getArray().toFloatArray();
            System.arraycopy(identity(c), 0, qkv, 2 * c * c, c * c); // rows [2C, 3C) make the values: identity
            set(sd, "qkv.weight", qkv);
            set(sd, "q_bias", random(r, c)); // a query bias that changes the probabilities
            set(sd, "v_bias", new float[c]);
            set(sd, "proj.weight", identity(c));
            set(sd, "proj.bias", new float[c]);
            float[] x = random(r, b * l * c);
            NDArray out;
            AttentionRecorder.Map4 map;
            try (AttentionRecorder rec = AttentionRecorder.attach(attn)) {
                out = attn.forward(new ParameterStore(m, false), m.create(x, new Shape(b, l, c)), false);
                assertEquals(1, rec.maps().size());
                map = rec.maps().get(0);
            }
            assertArrayEquals(new long[] {b, h, l, l}, map.shape());
            assertArrayEquals(mix(map.probs(), x, b, h, l, l, c), out.toFloatArray(), 1e-5f);
            // Not uniform: the check above is not satisfied by any averaging.
            assertTrue(Math.abs(map.probs()[0] - 1.0 / l) > 1e-3);
        }
    }

    @Test
    void recordedProbeQueryAttentionIsWhatTheProbeApplies() {
        int b = 3;
        int t = 6;
        int c = 8;
        int h = 2;
        try (NDManager m = NDManager.newBaseManager(); NoGrad off = NoGrad.open()) {
            Engine.getInstance().setRandomSeed(4);
            // As many classes as channels, so that an identity head shows the pooled token itself.
            AttentiveProbe probe = new AttentiveProbe(c, h, c);
            probe.initialize(m, DataType.FLOAT32, new Shape(b, t, c));
            Random r = new Random(2);
            Map<String, ai.djl.nn.Parameter> sd = probe.stateDict();
            set(sd, "query_token", random(r, c));
            set(sd, "attentive_blocks.0.cross_attn.v.weight", identity(c));
            set(sd, "attentive_blocks.0.cross_attn.v_bias", new float[c]);
            set(sd, "attentive_blocks.0.cross_attn.proj.weight", identity(c));
            set(sd, "attentive_blocks.0.cross_attn.proj.bias", new float[c]);
            set(sd, "head.weight", identity(c));
            set(sd, "head.bias", new float[c]);
            float[] tokens = random(r, b * t * c);
            NDArray logits;
            AttentionRecorder.Map4 map;
            try (AttentionRecorder rec = AttentionRecorder.attach(probe)) {
                logits = probe.forward(new ParameterStore(m, false), m.create(tokens, new Shape(b, t, c)), false);
                map = rec.maps().get(0);
            }
            assertArrayEquals(new long[] {b, h, 1, t}, map.shape());
            // norm_v (γ 1, β 0, eps 1e-6) of each token, by hand.
            float[] normed = new float[tokens.length];
            for (int row = 0; row < b * t; row++) {
                double mean = 0;
                double var = 0;
                for (int k = 0; k < c; k++) {
                    mean += tokens[row * c + k] / c;
                }
                for (int k = 0; k < c; k++) {
                    var += Math.pow(tokens[row * c + k] - mean, 2) / c;
                }
                for (int k = 0; k < c; k++) {
                    normed[row * c + k] = (float) ((tokens[row * c + k] - mean) / Math.sqrt(var + 1e-6));
                }
            }
            float[] want = mix(map.probs(), normed, b, h, 1, t, c);
            // fc_norm in eval mode with its initial statistics (mean 0, var 1) divides by sqrt(1 + 1e-5).
            for (int i = 0; i < want.length; i++) {
                want[i] /= (float) Math.sqrt(1 + 1e-5);
            }
            assertArrayEquals(want, logits.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void mapsOfTheLastBlockAndTheProbeSumToOneAndAreDrawn() throws Exception {
        CaeConfig c = CaeConfig.nano();
        int n = 4;
        Random r = new Random(5);
        float[] pixels = random(r, n * 28 * 28);
        ImageDataset data = new ImageDataset("noise", pixels, 1, 28, 28, new int[] {0, 1, 0, 1}, List.of("a", "b"));
        try (NDManager m = NDManager.newBaseManager()) {
            CaeEncoder encoder = CaeEncoder.randomInit(c, 1, m);
            AttentiveProbe probe = new AttentiveProbe(c.dim(), c.heads(), 2);
            probe.initialize(m, DataType.FLOAT32, new Shape(1, 2, c.dim()));
            probe.stateDict().get("query_token").getArray().set(random(r, c.dim()));
            CaeAttentionMaps.Summary s = CaeAttentionMaps.record(encoder, probe, data, new int[] {0, 1, 2}, m);
            assertEquals(3, s.maps().size());
            assertEquals(c.numPatches(), s.patches());
            double sets = 0;
            for (CaeAttentionMaps.Maps maps : s.maps()) {
                assertEquals(c.numPatches(), maps.encoder().length);
                assertEquals(1, java.util.Arrays.stream(maps.encoder()).sum(), 1e-9);
                assertEquals(1, java.util.Arrays.stream(maps.probe()).sum(), 1e-9);
                assertTrue(maps.encoderSelf() > 0 && maps.encoderSelf() < 1);
                assertTrue(maps.predicted() == 0 || maps.predicted() == 1);
                sets += MassBoundary.count(MassBoundary.smallestSet(maps.encoder(), CaeAttentionMaps.MASS));
            }
            assertEquals(sets / 3, s.encoderSetSize(), 1e-12);
            Path png = dir.resolve("attention.png");
            CaeAttentionMaps.write(s, data, c, data.classNames(), png);
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(3 * (28 * 8 + 6) + 6, img.getWidth());
            assertEquals(24 + 3 * (28 * 8 + 6 + 14) + 6, img.getHeight());
        }
    }
}
