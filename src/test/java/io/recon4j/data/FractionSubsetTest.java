package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Stratified, nested, seeded fractions of a dataset. */
@Tag("fast")
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

    /** A dataset with {@code counts[c]} samples of class c, interleaved, ids "s<index>", one point each. */
    static PointCloudDataset labelled(int[] counts) {
        java.util.List<Integer> labels = new java.util.ArrayList<>();
        int[] left = counts.clone();
        for (boolean more = true; more; ) {
            more = false;
            for (int c = 0; c < left.length; c++) {
                if (left[c] > 0) {
                    labels.add(c);
                    left[c]--;
                    more = true;
                }
            }
        }
        return new PointCloudDataset() {
            @Override
            public int size() {
                return labels.size();
            }

            @Override
            public Sample get(int index) {
                return new Sample(new io.recon4j.cloud.PointCloud(new float[] {index, 0, 0}), labels.get(index), "s" + index);
            }

            @Override
            public java.util.List<String> classNames() {
                return java.util.stream.IntStream.range(0, counts.length).mapToObj(c -> "c" + c).toList();
            }

            @Override
            public String name() {
                return "counts";
            }
        };
    }

    @Test
    void keepsEachClassShareNestsAcrossFractionsAndDependsOnTheSeed() throws IOException {
        PointCloudDataset all = labelled(new int[] {40, 7, 13, 1, 100});
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
        // Samples keep the source's order and labels.
        java.util.Map<String, Integer> where = new java.util.HashMap<>();
        for (int j = 0; j < all.size(); j++) {
            where.put(all.idOf(j), j);
        }
        int prev = -1;
        for (int i = 0; i < quarter.size(); i++) {
            int src = where.get(quarter.idOf(i));
            assertTrue(src > prev);
            prev = src;
            assertEquals(all.labelOf(src), quarter.labelOf(i));
        }
        assertThrows(IllegalArgumentException.class, () -> FractionSubset.of(all, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> FractionSubset.of(all, 1.5, 1));
    }
}
