package io.recon4j.data;

import io.recon4j.cloud.PointCloud;

/** Single-cloud farthest point sampling for the transforms; delegates to {@code io.recon4j.geometry}. */
final class Fps {

    private Fps() {
    }

    /** @return {@code n} point indices chosen by FPS with the official CUDA kernel's semantics */
    static int[] indices(PointCloud cloud, int n) {
        // UNFINISHED until branch 'geometry' (FarthestPointSampler) is merged.
        throw new UnsupportedOperationException("farthest point sampling is not wired yet (waiting for io.recon4j.geometry)");
    }
}
