package io.recon4j.data;

import io.recon4j.cloud.Mesh;
import io.recon4j.cloud.PointCloud;

/** Area-weighted surface sampling of meshes for the ModelNet mesh layout; delegates to {@code io.recon4j.cloud}. */
final class MeshSurface {

    private MeshSurface() {
    }

    /** @return {@code n} points sampled uniformly over the mesh surface, reproducibly from {@code seed} */
    static PointCloud sample(Mesh mesh, int n, long seed) {
        // UNFINISHED until branch 'io-text' (MeshSampler) is merged.
        throw new UnsupportedOperationException("mesh surface sampling is not wired yet (waiting for io.recon4j.cloud.MeshSampler)");
    }
}
