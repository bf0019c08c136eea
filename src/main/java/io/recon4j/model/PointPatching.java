package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.recon4j.geometry.Grouping;
import io.recon4j.geometry.PointGrouper;

/**
 * The encoder's patching step, the official {@code Group} module: G centres by exact farthest point sampling
 * (first point first, ties to the lower index), then each centre's K nearest points, re-centred. It has no
 * parameters and no gradient; the work is {@link PointGrouper}'s plain Java, so it runs on the host and the
 * tensors are created where the points live.
 *
 * <pre>
 * points (B, N, 3) → FPS → centers (B, G, 3) → kNN → neighborhood (B, G, K, 3) = neighbours − centre
 * </pre>
 */
public final class PointPatching {

    private final int numGroups;
    private final int groupSize;

    /**
     * @param numGroups G
     * @param groupSize K
     */
    PointPatching(int numGroups, int groupSize) {
        this.numGroups = numGroups;
        this.groupSize = groupSize;
    }

    /** @return G, patches per cloud */
    public int numGroups() {
        return numGroups;
    }

    /** @return K, points per patch */
    public int groupSize() {
        return groupSize;
    }

    /**
     * @param points (B, N, 3) float32 clouds
     * @return the patches, in {@code points}' manager and device
     */
    public Patches patchify(NDArray points) {
        long[] s = points.getShape().getShape();
        if (s.length != 3 || s[2] != 3) {
            throw new IllegalArgumentException("points must be (B, N, 3), got " + points.getShape());
        }
        Grouping g = group(points.toFloatArray(), (int) s[0], (int) s[1]);
        return Patches.of(g, points.getManager());
    }

    /**
     * @param points (B, N, 3) row-major clouds
     * @param batch B
     * @param manager where the tensors are created
     * @return the patches
     */
    public Patches patchify(float[] points, int batch, NDManager manager) {
        return Patches.of(group(points, batch, numPoints(points, batch)), manager);
    }

    /**
     * The grouping alone, as Java arrays (for masks and maps that need the centres or indices on the host).
     *
     * @param points (B, N, 3) row-major clouds
     * @param batch B
     * @param numPoints N
     */
    public Grouping group(float[] points, int batch, int numPoints) {
        return PointGrouper.group(points, batch, numPoints, numGroups, groupSize);
    }

    private static int numPoints(float[] points, int batch) {
        if (batch <= 0 || points.length % (3 * batch) != 0) {
            throw new IllegalArgumentException(points.length + " floats are not " + batch + " clouds of (N, 3) points");
        }
        return points.length / (3 * batch);
    }
}
