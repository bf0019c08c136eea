package io.recon4j.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.geometry.Grouping;
import io.recon4j.model.Patches;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.nn.NoGrad;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Attention maps are the model's own recorded weights, painted by the documented rule. */
@Tag("fast")
class AttentionMapTest {

    private static final ReconConfig TINY = new ReconConfig(32, 3, 2, 1, 2, 8, 8, 64, 0.6f, 0f);

    private static float[] cloud() {
        Random r = new Random(11);
        float[] x = new float[64 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * 0.4f;
        }
        return x;
    }

    private static ReconClassifier model(PretrainMethod method, NDManager m) {
        Engine.getInstance().setRandomSeed(7);
        ReconClassifier model = ReconClassifier.builder(TINY).setClasses(4).optMethod(method).build();
        model.initialize(m);
        return model;
    }

    /** @return the maps an independent recorder sees for the same cloud */
    private static List<AttentionRecorder.Map4> recordDirectly(ReconClassifier model, NDManager m, Grouping g) {
        try (AttentionRecorder rec = AttentionRecorder.attach(model); NoGrad off = NoGrad.open(); NDManager s = m.newSubManager()) {
            model.forwardFeatures(new ParameterStore(m, false), Patches.of(g, s), false);
            return rec.maps();
        }
    }

    @Test
    void reconMapsAreTheRecordedRowsAveragedOverHeadsAndPaintedByTheRule() {
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = model(PretrainMethod.RECON, m);
            AttentionMap.Recording rec = AttentionMap.record(model, m, cloud());
            Grouping g = rec.grouping();
            List<AttentionRecorder.Map4> direct = recordDirectly(model, m, g);
            assertEquals(List.of(AttentionMap.GlobalQuery.CLS, AttentionMap.GlobalQuery.IMG, AttentionMap.GlobalQuery.TEXT), rec.queries());

            // The img query at layer 2: row 1 of that block's cross-attention (1, H, 3, G).
            AttentionMap.Result img = rec.map(AttentionMap.Spec.globalQuery(AttentionMap.GlobalQuery.IMG).atLayer(1));
            AttentionRecorder.Map4 cross = direct.get(2);
            assertEquals(new AttentionRecorder.Site("flat/blocks/blocks_1/attn_contrast", 1, true), img.site());
            for (int j = 0; j < 8; j++) {
                double expected = (cross.probs()[(0 * 3 + 1) * 8 + j] + cross.probs()[(1 * 3 + 1) * 8 + j]) / 2;
                assertEquals(expected, img.patchWeights()[j], 1e-6, "patch " + j);
            }
            // Local token 5 at the last layer (default): row 5 of the last self-attention (1, H, G, G).
            AttentionMap.Result tok = rec.map(AttentionMap.Spec.localToken(5));
            AttentionRecorder.Map4 self = direct.get(5);
            assertEquals("flat/blocks/blocks_2/attn", tok.site().path());
            double sum = 0;
            for (int j = 0; j < 8; j++) {
                double expected = (self.probs()[(0 * 8 + 5) * 8 + j] + self.probs()[(1 * 8 + 5) * 8 + j]) / 2;
                assertEquals(expected, tok.patchWeights()[j], 1e-6);
                sum += tok.patchWeights()[j];
            }
            assertEquals(1, sum, 1e-5);
            assertEquals(g.centers()[15], tok.markedCenter()[0]);
            assertEquals(null, img.markedCenter());

            // Painting: points in kNN groups take the largest weight among them, the others their nearest centre's.
            float[] pts = cloud();
            int inNone = 0;
            for (int p = 0; p < 64; p++) {
                float expected = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < 8; j++) {
                    for (int k = 0; k < 8; k++) {
                        if (g.neighborIdx()[j * 8 + k] == p) {
                            expected = Math.max(expected, tok.patchWeights()[j]);
                        }
                    }
                }
                if (expected == Float.NEGATIVE_INFINITY) {
                    inNone++;
                    expected = tok.patchWeights()[AttentionMap.nearestCenter(g.centers(), pts[3 * p], pts[3 * p + 1], pts[3 * p + 2])];
                }
                assertEquals(expected, tok.pointWeights()[p], 0f, "point " + p);
            }
            assertTrue(inNone > 0, "8 groups of 8 cannot cover 64 points here, so the nearest-centre rule is exercised");
        }
    }

    @Test
    void singleStreamQueriesReadTheSelfAttentionRenormalisedOverLocals() {
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = model(PretrainMethod.MULTITASK, m);
            AttentionMap.Recording rec = AttentionMap.record(model, m, cloud());
            AttentionRecorder.Map4 last = recordDirectly(model, m, rec.grouping()).get(2); // (1, H, 3+G, 3+G)
            AttentionMap.Result text = rec.map(AttentionMap.Spec.globalQuery(AttentionMap.GlobalQuery.TEXT));
            int lk = 11;
            for (int j = 0; j < 8; j++) {
                double expected = 0;
                for (int h = 0; h < 2; h++) {
                    double mass = 0;
                    for (int c = 3; c < lk; c++) {
                        mass += last.probs()[(h * lk + 2) * lk + c];
                    }
                    expected += last.probs()[(h * lk + 2) * lk + 3 + j] / mass / 2;
                }
                assertEquals(expected, text.patchWeights()[j], 1e-6);
            }
        }
    }

    @Test
    void nearestCenterAndRefusals() {
        float[] centers = {0, 0, 0, 1, 0, 0, 0, 1, 0};
        assertEquals(1, AttentionMap.nearestCenter(centers, 0.8, 0.1, 0));
        assertEquals(2, AttentionMap.nearestCenter(centers, 0.1, 0.9, 0.3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttentionMap.Spec.localToken(8).check(TINY));
        assertTrue(e.getMessage().contains("--token 8 is outside 0..7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttentionMap.Spec.localToken(0).atLayer(3).check(TINY));
        assertTrue(e.getMessage().contains("--layer 4 is outside 1..3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttentionMap.GlobalQuery.parse("image"));
        assertTrue(e.getMessage().contains("img, text, cls"), e.getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            AttentionMap.Recording cmc = AttentionMap.record(model(PretrainMethod.CMC, m), m, cloud());
            e = assertThrows(IllegalArgumentException.class, () -> cmc.map(AttentionMap.Spec.globalQuery(AttentionMap.GlobalQuery.CLS)));
            assertTrue(e.getMessage().contains("no such token (it has [img, text])"), e.getMessage());
        }
    }
}
