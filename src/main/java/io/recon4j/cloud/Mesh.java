package io.recon4j.cloud;

import java.util.Objects;

/**
 * A triangle mesh: vertices as a {@link PointCloud} (with any per-vertex fields) and faces as
 * vertex-index triples. Polygons with more than three vertices are fan-triangulated by the readers.
 */
public final class Mesh {

    private final PointCloud vertices;
    private final int[] triangles;

    /**
     * @param vertices the V vertices
     * @param triangles vertex indices, length 3F, each in [0, V); owned by the mesh afterwards
     */
    public Mesh(PointCloud vertices, int[] triangles) {
        this.vertices = Objects.requireNonNull(vertices, "vertices");
        this.triangles = Objects.requireNonNull(triangles, "triangles");
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangle index count " + triangles.length + " is not a multiple of 3");
        }
        int v = vertices.size();
        for (int i = 0; i < triangles.length; i++) {
            if (triangles[i] < 0 || triangles[i] >= v) {
                throw new IllegalArgumentException("face " + (i / 3) + " references vertex " + triangles[i]
                        + " but the mesh has " + v + " vertices");
            }
        }
    }

    /** @return the vertices */
    public PointCloud vertices() {
        return vertices;
    }

    /** @return the number of triangles F */
    public int triangleCount() {
        return triangles.length / 3;
    }

    /** @return a copy of the triangle indices, length 3F */
    public int[] triangles() {
        return triangles.clone();
    }

    int[] trianglesView() {
        return triangles;
    }
}
