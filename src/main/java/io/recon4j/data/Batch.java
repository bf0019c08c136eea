package io.recon4j.data;

import java.util.List;
import java.util.Objects;

/**
 * One mini-batch from a {@link DataLoader}.
 *
 * @param epoch the epoch it belongs to
 * @param index its position in the epoch, from 0
 * @param points coordinates, shape (B, N, 3) row-major: {@code points[(b * N + i) * 3 + c]}
 * @param size B, the number of clouds
 * @param numPoints N, points per cloud (the same for every cloud of the batch)
 * @param labels class labels, shape (B)
 * @param ids sample ids, length B
 * @param sampleIndices the dataset indices of the B samples
 */
public record Batch(int epoch, int index, float[] points, int size, int numPoints, int[] labels, List<String> ids,
        int[] sampleIndices) {

    public Batch {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(labels, "labels");
        ids = List.copyOf(ids);
        Objects.requireNonNull(sampleIndices, "sampleIndices");
        if (points.length != size * numPoints * 3 || labels.length != size || ids.size() != size
                || sampleIndices.length != size) {
            throw new IllegalArgumentException("inconsistent batch: B=" + size + ", N=" + numPoints + ", "
                    + points.length + " floats, " + labels.length + " labels, " + ids.size() + " ids, "
                    + sampleIndices.length + " indices");
        }
    }
}
