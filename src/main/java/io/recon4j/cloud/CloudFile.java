package io.recon4j.cloud;

import java.util.Objects;
import java.util.Optional;

/**
 * What a reader found in one file: always a point cloud (the vertices for a mesh file) and, for
 * mesh formats with faces, the mesh itself.
 *
 * @param points the points or mesh vertices, with any extra per-point fields
 * @param mesh the mesh, present when the file holds at least one face
 * @param format the format name as detected, e.g. {@code "pcd/binary_compressed"}, {@code "ply/binary_little_endian"}
 */
public record CloudFile(PointCloud points, Optional<Mesh> mesh, String format) {

    public CloudFile {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(format, "format");
    }

    /** A file that holds only points. */
    public static CloudFile ofPoints(PointCloud points, String format) {
        return new CloudFile(points, Optional.empty(), format);
    }

    /** A file that holds a mesh; its points are the vertices. */
    public static CloudFile ofMesh(Mesh mesh, String format) {
        return new CloudFile(mesh.vertices(), mesh.triangleCount() > 0 ? Optional.of(mesh) : Optional.empty(), format);
    }
}
