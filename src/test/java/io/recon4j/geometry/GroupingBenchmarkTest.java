package io.recon4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark's DJL baselines must compute the same grouping, or the comparison means nothing. */
@Tag("fixture")
class GroupingBenchmarkTest {

    @Test
    void djlBaselinesAgreeWithTheJavaKernels() {
        int b = 3;
        int n = 512;
        int g = 32;
        int k = 16;
        float[] pts = GroupingBenchmark.normalisedClouds(new Random(12), b, n);
        assertBaselinesAgree(pts, b, n, g, k);
    }

    @Test
    void djlBaselinesAgreeOnTheFixture() throws IOException {
        assertBaselinesAgree(TestData.fixture("input_points.npy").toFloatArray(), 2, 256, 16, 8);
    }

    private static void assertBaselinesAgree(float[] pts, int b, int n, int g, int k) {
        Grouping expected = PointGrouper.group(pts, b, n, g, k);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(pts, new Shape(b, n, 3));
            NDArray fps = GroupingBenchmark.djlFps(p, g);
            assertArrayEquals(Arrays.stream(expected.fpsIdx()).asLongStream().toArray(), fps.toLongArray());
            NDList knn = GroupingBenchmark.djlKnn(p, fps, k);
            long[] idx = knn.get(0).toLongArray();
            float[] nb = knn.get(1).toFloatArray();
            for (int bg = 0; bg < b * g; bg++) {
                long[] set = Arrays.copyOfRange(idx, bg * k, bg * k + k);
                Arrays.sort(set);
                assertArrayEquals(Arrays.stream(expected.neighborIdx(), bg * k, bg * k + k).asLongStream().toArray(),
                        set, "group " + bg);
            }
            double sumDjl = 0;
            double sumJava = 0;
            for (int i = 0; i < nb.length; i++) {
                sumDjl += nb[i];
                sumJava += expected.neighborhood()[i];
            }
            assertEquals(sumJava, sumDjl, 1e-3, "same neighbourhoods up to order");
        }
    }

    @Test
    void reportHasARowPerMethodAndPhase() {
        String table = GroupingBenchmark.run(List.of(new GroupingBenchmark.Config(2, 128, 8, 4)), 0, 1);
        assertEquals(9, table.lines().filter(l -> l.startsWith("| B=2 N=128 G=8 K=4 |")).count(), table);
        assertTrue(table.contains("| DJL ops | FPS+kNN |"), table);
        assertTrue(table.startsWith("Machine: "), table);
    }
}
