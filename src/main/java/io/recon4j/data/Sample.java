package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import java.util.Objects;

/**
 * One labelled shape of a dataset.
 *
 * @param points the points (N, 3), after the dataset's load-time processing (e.g. pc_norm)
 * @param label class index in [0, number of classes), or -1 for unlabelled data
 * @param id a stable identifier, e.g. {@code "chair_0890"} or {@code "02691156-1a04e3eab45ca15dd86060f189eb133"}
 */
public record Sample(PointCloud points, int label, String id) {
    public Sample {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(id, "id");
    }
}
