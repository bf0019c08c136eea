package io.recon4j.geometry;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Shared argument checks and the batch-parallel loop of the geometry kernels. */
final class Batches {

    private Batches() {}

    /** Checks that {@code points} is a finite (B, N, 3) row-major array; {@code name} names it in errors. */
    static void checkClouds(String name, float[] points, int batch, int numPoints) {
        if (points == null) {
            throw new NullPointerException(name);
        }
        checkNonNegative("batch size B", batch);
        checkNonNegative("points per cloud N", numPoints);
        long expected = 3L * batch * numPoints;
        if (points.length != expected) {
            throw new IllegalArgumentException(name + " has " + points.length + " floats, expected B*N*3 = "
                    + batch + "*" + numPoints + "*3 = " + expected + " (layout (B, N, 3), xyz interleaved)");
        }
        for (int i = 0; i < points.length; i++) {
            if (!Float.isFinite(points[i])) {
                int p = i / 3;
                throw new IllegalArgumentException(name + "[b=" + p / Math.max(numPoints, 1) + ", n="
                        + p % Math.max(numPoints, 1) + ", " + "xyz".charAt(i % 3) + "] = " + points[i]
                        + " is not finite; geometry kernels need finite coordinates");
            }
        }
    }

    static void checkNonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + value);
        }
    }

    static void checkPositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
    }

    /** A task over the index range [from, to). */
    interface RangeTask {
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over 0..count-1 in ranges of at most {@code grain} indices (so per-range scratch is
     * reused), on the common ForkJoinPool when {@code parallel}.
     */
    static void forEachRange(int count, int grain, boolean parallel, RangeTask task) {
        int ranges = (count + grain - 1) / grain;
        forEach(ranges, parallel, r -> task.run(r * grain, Math.min(count, (r + 1) * grain)));
    }

    /** Runs {@code task} for 0..count-1, on the common ForkJoinPool when {@code parallel}. */
    static void forEach(int count, boolean parallel, IntConsumer task) {
        if (parallel && count > 1) {
            IntStream.range(0, count).parallel().forEach(task);
        } else {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
        }
    }
}
