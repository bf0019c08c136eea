package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small in-memory datasets and clouds for the data-layer tests. */
final class TestData {

    private TestData() {
    }

    /** A dataset over fixed samples. */
    record InMemory(String name, List<Sample> samples, List<String> classNames) implements PointCloudDataset {
        @Override
        public int size() {
            return samples.size();
        }

        @Override
        public Sample get(int index) throws IOException {
            return samples.get(index);
        }
    }

    /** @return n random points with coordinates in [-1, 1) shifted by {@code offset}, seeded */
    static PointCloud randomCloud(int n, long seed, double offset) {
        Random r = new Random(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = (float) (offset + 2 * r.nextDouble() - 1);
        }
        return new PointCloud(xyz);
    }

    /** @return n points whose x coordinate is their index (so subsets reveal which indices were taken); y, z random in [1, 2) */
    static PointCloud indexedCloud(int n, long seed) {
        Random r = new Random(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            xyz[3 * i] = i;
            xyz[3 * i + 1] = 1 + r.nextFloat();
            xyz[3 * i + 2] = 1 + r.nextFloat();
        }
        return new PointCloud(xyz);
    }

    /** @return the x coordinates as ints (the indices of an {@link #indexedCloud}) */
    static int[] indicesOf(PointCloud cloud) {
        int[] out = new int[cloud.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(cloud.get(i, 0));
        }
        return out;
    }

    /**
     * @return a labelled dataset: {@code perClass[c]} samples of class c, each an indexed-like cloud of
     *     {@code points} points whose first x is the sample index; ids {@code "<prefix>_<c>_<k>"}
     */
    static InMemory labelled(String name, String prefix, int[] perClass, int points) {
        List<Sample> samples = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < perClass.length; c++) {
            classes.add("class" + c);
        }
        int index = 0;
        for (int c = 0; c < perClass.length; c++) {
            for (int k = 0; k < perClass[c]; k++) {
                PointCloud p = randomCloud(points, index * 31L + 7, 0);
                float[] xyz = p.xyz();
                xyz[0] = index;
                samples.add(new Sample(new PointCloud(xyz), c, prefix + "_" + c + "_" + k));
                index++;
            }
        }
        return new InMemory(name, samples, classes);
    }
}
