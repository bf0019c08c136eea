package io.recon4j.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.recon4j.geometry.Grouping;
import io.recon4j.geometry.PointGrouper;
import io.recon4j.model.Patches;
import io.recon4j.model.PretrainMethod;
import io.recon4j.model.ReconClassifier;
import io.recon4j.model.ReconConfig;
import io.recon4j.nn.NoGrad;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The recorder sees the model's own attention, changes nothing, and lets go when closed. */
@Tag("fast")
class AttentionRecorderTest {

    private static final ReconConfig TINY = new ReconConfig(32, 2, 2, 1, 2, 8, 8, 64, 0.6f, 0f);

    private static float[] clouds(int b, int n) {
        Random r = new Random(3);
        float[] x = new float[b * n * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * 0.4f;
        }
        return x;
    }

    private static float[] feature(ReconClassifier model, NDManager m, Grouping g) {
        try (NoGrad off = NoGrad.open(); NDManager step = m.newSubManager()) {
            return model.feature(new ParameterStore(m, false), Patches.of(g, step), false).toFloatArray();
        }
    }

    @Test
    void reconBlocksShowLocalSelfAttentionAndQueryCrossAttentionPerLayer() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            ReconClassifier model = ReconClassifier.builder(TINY).setClasses(4).build();
            model.initialize(m);
            Grouping g = PointGrouper.group(clouds(3, 64), 3, 64, TINY.numGroups(), TINY.groupSize());
            float[] plain = feature(model, m, g);
            List<AttentionRecorder.Map4> maps;
            try (AttentionRecorder rec = AttentionRecorder.attach(model)) {
                assertEquals(2 * TINY.depth(), rec.observed());
                float[] observed = feature(model, m, g);
                assertArrayEquals(plain, observed, "recording must not change the model's output");
                maps = rec.maps();
                // Forward order inside a ReCon block: the queries' cross-attention, then the locals' self-attention.
                assertEquals(List.of(new AttentionRecorder.Site("flat/blocks/blocks_0/attn_contrast", 0, true),
                        new AttentionRecorder.Site("flat/blocks/blocks_0/attn", 0, false),
                        new AttentionRecorder.Site("flat/blocks/blocks_1/attn_contrast", 1, true),
                        new AttentionRecorder.Site("flat/blocks/blocks_1/attn", 1, false)), rec.sites());
            }
            assertArrayEquals(new long[] {3, 2, 3, 8}, maps.get(0).shape()); // cls, img, text read the locals
            assertArrayEquals(new long[] {3, 2, 8, 8}, maps.get(1).shape()); // locals attend to locals
            for (AttentionRecorder.Map4 map : maps) {
                int lk = (int) map.shape()[3];
                for (int row = 0; row < map.probs().length / lk; row++) {
                    double s = 0;
                    for (int j = 0; j < lk; j++) {
                        s += map.probs()[row * lk + j];
                    }
                    assertEquals(1, s, 1e-5, "softmax rows sum to 1");
                }
            }
            // Closed: the modules no longer report.
            try (AttentionRecorder rec = AttentionRecorder.attach(model)) {
                rec.close();
                feature(model, m, g);
                assertTrue(rec.maps().isEmpty());
            }
        }
    }

    @Test
    void singleStreamModelsShowOneSelfAttentionOverTokensAndLocals() {
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = ReconClassifier.builder(TINY).setClasses(4).optMethod(PretrainMethod.MULTITASK)
                    .build();
            model.initialize(m);
            Grouping g = PointGrouper.group(clouds(2, 64), 2, 64, TINY.numGroups(), TINY.groupSize());
            AttentionDistanceReport report = new AttentionDistanceReport();
            try (AttentionRecorder rec = AttentionRecorder.attach(model)) {
                feature(model, m, g);
                assertEquals(TINY.depth(), rec.maps().size());
                assertArrayEquals(new long[] {2, 2, 3 + 8, 3 + 8}, rec.maps().get(0).shape());
                double[] local = AttentionDistance.local(rec.maps().get(0).probs(), rec.maps().get(0).shape(), g.centers(), 8);
                double[] queries = AttentionDistance.queries(rec.maps().get(0).probs(), rec.maps().get(0).shape(), g.centers(), 8, false);
                for (int h = 0; h < 2; h++) {
                    // Normalised clouds: every distance lies within the unit ball's diameter.
                    assertTrue(local[h] > 0 && local[h] < 2 && queries[h] > 0 && queries[h] < 2, local[h] + " " + queries[h]);
                }
            }
            assertTrue(report.rows().isEmpty());
        }
    }
}
