package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a point cloud from a {@code .npy} array of float32 or float64 with shape (N, C), C &gt;= 3,
 * or (1, N, C) (the batch axis is squeezed). Columns are mapped by {@link CloudColumns}: x y z, then
 * {@code nx ny nz} when C == 6, otherwise {@code c3 c4 ...}. Non-finite coordinates and empty arrays
 * are errors. For arbitrary arrays use {@link Npy#read(Path)}.
 */
final class NpyReader implements CloudReader {

    @Override
    public CloudFile read(Path file) throws IOException {
        Npy.Parsed parsed = Npy.parse(file, Files.readAllBytes(file));
        NpyArray a = parsed.array();
        String header = "header";
        if (!a.dtype().isFloating()) {
            throw new CloudFormatException(file, header, "a point cloud needs a float32 or float64 array, found "
                    + a.dtype());
        }
        long[] shape = a.shape();
        boolean batched = shape.length == 3 && shape[0] == 1;
        if (!(shape.length == 2 || batched) || shape[shape.length - 1] < 3) {
            throw new CloudFormatException(file, header, "a point cloud needs shape (N, 3), (N, C>=3) or (1, N, C>=3),"
                    + " found " + NpyArray.shapeString(shape));
        }
        int n = (int) shape[shape.length - 2];
        int c = (int) shape[shape.length - 1];
        if (n == 0) {
            throw new CloudFormatException(file, header, "empty cloud: shape " + NpyArray.shapeString(shape) + " has no points");
        }
        PointCloud cloud = CloudColumns.fromRows(a.toFloatArray(), 0, n, c);
        int bad = CloudColumns.firstNonFinite(cloud);
        if (bad >= 0) {
            long offset = parsed.dataOffset() + (long) bad * c * a.dtype().size();
            throw new CloudFormatException(file, CloudFormatException.offset(offset), "point " + bad
                    + " has non-finite coordinates (" + cloud.get(bad, 0) + ", " + cloud.get(bad, 1) + ", "
                    + cloud.get(bad, 2) + ")");
        }
        return CloudFile.ofPoints(cloud, "npy/" + a.dtype().name().toLowerCase(java.util.Locale.ROOT));
    }
}
