package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.procedural.ProceduralShapes;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stratified, nested, seeded fractions of a dataset. */
class FractionSubsetTest {

    private static Set<String> ids(PointCloudDataset d) throws IOException {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(d.idOf(i));
        }
        return out;
    }

    private static int[] perClass(PointCloudDataset d) throws IOException {
        int[] n = new int[d.classNames().size()];
        for (int i = 0; i < d.size(); i++) {
            n[d.labelOf(i)]++;
        }
        return n;
    }

    @Test
    void keepsEachClassShareNestsAcrossFractionsAndDependsOnTheSeed() throws IOException {
        PointCloudDataset all = ProceduralShapes.train(ProceduralShapes.Config.defaults());
        int[] full = perClass(all);
        FractionSubset quarter = FractionSubset.of(all, 0.25, 7);
        FractionSubset half = FractionSubset.of(all, 0.5, 7);
        int[] q = perClass(quarter);
        for (int c = 0; c < full.length; c++) {
            assertEquals(Math.max(1, Math.round(0.25 * full[c])), q[c], "class " + c);
        }
        assertTrue(ids(half).containsAll(ids(quarter)), "the 25% subset lies inside the 50% one");
        assertNotEquals(ids(quarter), ids(FractionSubset.of(all, 0.25, 8)), "another seed draws other shapes");
        assertEquals(ids(quarter), ids(FractionSubset.of(all, 0.25, 7)), "deterministic");
        assertEquals(all.size(), FractionSubset.of(all, 1, 7).size());
        // Samples keep the source's order, labels and points.
        int prev = -1;
        for (int i = 0; i < quarter.size(); i++) {
            String id = quarter.idOf(i);
            int src = -1;
            for (int j = 0; j < all.size(); j++) {
                if (all.idOf(j).equals(id)) {
                    src = j;
                }
            }
            assertTrue(src > prev);
            prev = src;
            assertEquals(all.labelOf(src), quarter.labelOf(i));
        }
        assertThrows(IllegalArgumentException.class, () -> FractionSubset.of(all, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> FractionSubset.of(all, 1.5, 1));
    }
}
