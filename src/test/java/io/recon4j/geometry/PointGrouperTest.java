package io.recon4j.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fixture")
class PointGrouperTest {

    @Test
    void fixtureGroupingReproducedBitwise() throws IOException {
        Grouping g = PointGrouper.group(TestData.fixture("input_points.npy").toFloatArray(), 2, 256, 16, 8);
        assertArrayEquals(TestData.fixture("fps_idx.npy").toIntArray(), g.fpsIdx());
        assertArrayEquals(TestData.fixture("neighborhood_idx_sorted.npy").toIntArray(), g.neighborIdx());
        assertBitwise(TestData.fixture("centers.npy").toFloatArray(), g.centers());
        assertBitwise(TestData.fixture("neighborhood.npy").toFloatArray(), g.neighborhood());
    }

    static void assertBitwise(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    "element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void oneCallEqualsTheSeparateKernels() {
        float[] pts = TestData.randomClouds(new Random(8), 4, 300);
        Grouping g = PointGrouper.group(pts, 4, 300, 20, 10);
        int[] fps = FarthestPointSampler.sample(pts, 4, 300, 20);
        float[] centers = PointGrouper.gather(pts, 300, fps, 20);
        int[] idx = KnnGrouper.neighbors(pts, 4, 300, centers, 20, 10);
        assertArrayEquals(fps, g.fpsIdx());
        assertArrayEquals(centers, g.centers());
        assertArrayEquals(idx, g.neighborIdx());
        assertArrayEquals(KnnGrouper.neighborhoods(pts, 4, 300, centers, 20, 10, idx), g.neighborhood());
        Grouping seq = PointGrouper.group(pts, 4, 300, 20, 10, KnnGrouper.Order.INDEX, false);
        assertArrayEquals(g.neighborIdx(), seq.neighborIdx());
        assertArrayEquals(g.neighborhood(), seq.neighborhood());

        Grouping byDistance = PointGrouper.group(pts, 4, 300, 20, 10, KnnGrouper.Order.DISTANCE, true);
        for (int bg = 0; bg < 80; bg++) {
            int[] set = Arrays.copyOfRange(byDistance.neighborIdx(), bg * 10, bg * 10 + 10);
            assertEquals(g.fpsIdx()[bg], set[0]);
            Arrays.sort(set);
            assertArrayEquals(Arrays.copyOfRange(g.neighborIdx(), bg * 10, bg * 10 + 10), set);
        }
    }

    @Test
    void ndArraysHaveTheDocumentedShapesAndValues() {
        float[] pts = TestData.randomClouds(new Random(9), 2, 64);
        Grouping g = PointGrouper.group(pts, 2, 64, 8, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = g.centers(m);
            NDArray nb = g.neighborhood(m);
            NDArray fi = g.fpsIdx(m);
            NDArray ni = g.neighborIdx(m);
            assertEquals(new Shape(2, 8, 3), c.getShape());
            assertEquals(new Shape(2, 8, 4, 3), nb.getShape());
            assertEquals(new Shape(2, 8), fi.getShape());
            assertEquals(new Shape(2, 8, 4), ni.getShape());
            assertEquals(DataType.INT64, ni.getDataType());
            assertArrayEquals(g.centers(), c.toFloatArray());
            assertArrayEquals(g.neighborhood(), nb.toFloatArray());
            assertArrayEquals(Arrays.stream(g.neighborIdx()).asLongStream().toArray(), ni.toLongArray());
            assertArrayEquals(Arrays.stream(g.fpsIdx()).asLongStream().toArray(), fi.toLongArray());
        }
    }

    @Test
    void inconsistentArraysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Grouping(1, 4, 2, 2, new int[2], new float[6], new int[4], new float[11]));
        assertEquals("neighborhood has 11 entries, expected 12", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PointGrouper.group(new float[12], 1, 4, 2, 5));
    }
}
