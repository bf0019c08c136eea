package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import io.recon4j.geometry.FarthestPointSampler;

/** Single-cloud farthest point sampling for the transforms, with the official CUDA kernel's semantics. */
final class Fps {

    private Fps() {
    }

    /**
     * @return {@code n} point indices in selection order: start at point 0, dead zone around the origin,
     *     repeats once no selectable point is left (all as {@link FarthestPointSampler})
     */
    static int[] indices(PointCloud cloud, int n) {
        return FarthestPointSampler.sample(cloud, n);
    }
}
