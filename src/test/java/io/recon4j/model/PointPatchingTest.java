package io.recon4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.recon4j.geometry.Grouping;
import io.recon4j.geometry.PointGrouper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The model's own patching is PointGrouper's, and points in give the same logits as the pre-grouped entry. */
@Tag("slow")
class PointPatchingTest {

    static final ReconConfig CFG = new ReconConfig(32, 1, 2, 1, 2, 8, 8, 64, 0.5f, 0f);

    static float[] clouds(int batch, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batch * n * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void patchesArePointGroupersAndLogitsDoNotDependOnWhereGroupingRuns() {
        float[] xyz = clouds(3, CFG.numPoints(), 4);
        try (NDManager m = NDManager.newBaseManager()) {
            ReconClassifier model = ReconClassifier.builder(CFG).setClasses(4).build();
            model.initialize(m);
            Patches inside = model.patching().patchify(m.create(xyz, new Shape(3, CFG.numPoints(), 3)));
            Grouping g = PointGrouper.group(xyz, 3, CFG.numPoints(), CFG.numGroups(), CFG.groupSize());
            assertArrayEquals(g.fpsIdx(), inside.grouping().fpsIdx());
            assertArrayEquals(g.neighborhood(), inside.neighborhood().toFloatArray());
            assertArrayEquals(g.centers(), inside.centers().toFloatArray());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray fromPoints = model.forward(ps, m.create(xyz, new Shape(3, CFG.numPoints(), 3)), false);
            NDArray preGrouped = model.forward(ps, Patches.of(g.neighborhood(m), g.centers(m)), false);
            assertArrayEquals(preGrouped.toFloatArray(), fromPoints.toFloatArray(), 0f);
        }
    }

    @Test
    void badShapesAndBuildersAreRefusedWithTheirReason() {
        try (NDManager m = NDManager.newBaseManager()) {
            PointPatching p = ReconClassifier.builder(CFG).setClasses(2).build().patching();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.patchify(m.zeros(new Shape(2, 64, 4))));
            assertTrue(e.getMessage().contains("(B, N, 3)"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> Patches.of(m.zeros(new Shape(2, 8, 8, 3)), m.zeros(new Shape(2, 7, 3))));
            assertTrue(e.getMessage().contains("(B, G, 3)"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReconClassifier.builder(CFG).build());
        assertTrue(e.getMessage().contains("setClasses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReconClassifier.builder(CFG).setClasses(3).optHeadDropout(1f).build());
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    }
}
