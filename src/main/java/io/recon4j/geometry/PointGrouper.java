package io.recon4j.geometry;

/**
 * ReCon's grouping in one call (the official {@code Group} module): farthest point sampling picks G
 * centres per cloud ({@link FarthestPointSampler}), then each centre's K nearest points are gathered and
 * re-centred ({@link KnnGrouper}). Plain Java, parallel on the common ForkJoinPool; meant to run in the
 * data loader so the model receives ready (B, G, K, 3) and (B, G, 3) tensors.
 */
public final class PointGrouper {

    private PointGrouper() {}

    /**
     * Groups a batch, neighbours in ascending point-index order (the fixture convention).
     *
     * @param points coordinates, shape (B, N, 3) row-major
     * @param batch B
     * @param numPoints N
     * @param numGroups G, centres per cloud
     * @param groupSize K, neighbours per centre (1..N)
     * @return the grouping
     */
    public static Grouping group(float[] points, int batch, int numPoints, int numGroups, int groupSize) {
        return group(points, batch, numPoints, numGroups, groupSize, KnnGrouper.Order.INDEX, true);
    }

    /**
     * Groups a batch.
     *
     * @param order order of the K neighbours within each group
     * @param parallel whether to use the common ForkJoinPool (over clouds for FPS, over centres for kNN)
     * @see #group(float[], int, int, int, int)
     */
    public static Grouping group(float[] points, int batch, int numPoints, int numGroups, int groupSize,
            KnnGrouper.Order order, boolean parallel) {
        KnnGrouper.checkGroupSize(groupSize, numPoints, batch * numGroups);
        int[] fpsIdx = FarthestPointSampler.sample(points, batch, numPoints, numGroups, parallel);
        float[] centers = gather(points, numPoints, fpsIdx, numGroups);
        KnnGrouper.Clouds clouds = KnnGrouper.Clouds.of(points, batch, numPoints, parallel);
        int[] neighborIdx = new int[batch * numGroups * groupSize];
        float[] neighborhood = new float[neighborIdx.length * 3];
        Batches.forEachRange(batch * numGroups, KnnGrouper.GRAIN, parallel, (from, to) -> {
            KnnGrouper.Searcher searcher = new KnnGrouper.Searcher(clouds, groupSize, order);
            for (int bg = from; bg < to; bg++) {
                int b = bg / numGroups;
                searcher.search(centers, bg, b, neighborIdx);
                KnnGrouper.center(points, b * numPoints, centers, bg, neighborIdx, bg * groupSize, groupSize,
                        neighborhood);
            }
        });
        return new Grouping(batch, numPoints, numGroups, groupSize, fpsIdx, centers, neighborIdx, neighborhood);
    }

    /** @return the points at {@code idx} (shape (B, G)) of each cloud, shape (B, G, 3) */
    static float[] gather(float[] points, int numPoints, int[] idx, int numGroups) {
        float[] out = new float[idx.length * 3];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(points, 3 * (i / numGroups * numPoints + idx[i]), out, 3 * i, 3);
        }
        return out;
    }
}
