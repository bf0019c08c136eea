package io.recon4j.render;

import io.recon4j.cloud.Mesh;
import io.recon4j.cloud.PointCloud;

/** Test meshes shared with other packages' tests. */
public final class MeshRendererTestAccess {

    private MeshRendererTestAccess() {
    }

    /** @return a box [-1, 1] × [-1, 1] × [-1/flat, 1/flat] (flat 1: a cube) */
    public static Mesh cube(int flat) {
        Mesh c = MeshRendererTest.cube(1f, 0f);
        float[] v = c.vertices().xyz();
        for (int i = 2; i < v.length; i += 3) {
            v[i] /= flat;
        }
        return new Mesh(new PointCloud(v), c.triangles());
    }
}
