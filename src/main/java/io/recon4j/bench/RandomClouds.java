package io.recon4j.bench;

import io.recon4j.geometry.GroupingBenchmark;
import java.util.Random;

/** Benchmark inputs: random normalised clouds and labels (the data pipeline is not part of a step). */
final class RandomClouds {

    private RandomClouds() {
    }

    /** @return (B, N, 3) row-major points, each cloud centred with unit max radius */
    static float[] normalised(Random rnd, int batch, int numPoints) {
        return GroupingBenchmark.normalisedClouds(rnd, batch, numPoints);
    }

    /** @return (B) labels uniform in [0, classes) */
    static long[] labels(Random rnd, int batch, int classes) {
        long[] l = new long[batch];
        for (int i = 0; i < batch; i++) {
            l[i] = rnd.nextInt(classes);
        }
        return l;
    }
}
