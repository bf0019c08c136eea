package io.recon4j.geometry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recon4j.cloud.Npy;
import io.recon4j.cloud.NpyArray;
import io.recon4j.data.ModelNetDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test inputs: random clouds, the parity fixtures and real ModelNet10 clouds (skipped when absent). */
final class TestData {

    static final Path SHARED = Path.of("..", "shared");
    static final Path TINY = SHARED.resolve("fixtures/recon-parity/tiny");
    static final Path MODELNET10 = SHARED.resolve("data/modelnet10");

    private TestData() {}

    /** @return B clouds of N points uniform in [-1, 1]^3, shape (B, N, 3) */
    static float[] randomClouds(Random rnd, int batch, int numPoints) {
        float[] p = new float[3 * batch * numPoints];
        for (int i = 0; i < p.length; i++) {
            p[i] = rnd.nextFloat() * 2 - 1;
        }
        return p;
    }

    static NpyArray fixture(String name) throws IOException {
        assumeTrue(Files.isDirectory(TINY), "../shared/fixtures/recon-parity/tiny not present: skipping parity test");
        return Npy.read(TINY.resolve(name));
    }

    /**
     * Reads {@code count} clouds spread over the ModelNet10 test split, as {@link ModelNetDataset} loads
     * them (official {@code pc_normalize}), each of shape (N, 3).
     */
    static List<float[]> modelNetClouds(int count) throws IOException {
        assumeTrue(Files.isDirectory(MODELNET10), "../shared/data/modelnet10 not present: skipping ModelNet10 test");
        ModelNetDataset test = ModelNetDataset.test(MODELNET10);
        List<float[]> clouds = new ArrayList<>();
        // Spread the picks over the classes.
        for (int i = 0; i < count; i++) {
            clouds.add(test.get(i * test.size() / count).points().xyz());
        }
        return clouds;
    }

    /** Concatenates equally sized clouds into one (B, N, 3) array. */
    static float[] concat(List<float[]> clouds) {
        int len = clouds.get(0).length;
        float[] out = new float[len * clouds.size()];
        for (int b = 0; b < clouds.size(); b++) {
            System.arraycopy(clouds.get(b), 0, out, b * len, len);
        }
        return out;
    }
}
