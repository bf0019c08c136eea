package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes point clouds as float32 {@code .npy} arrays of shape (N, 3 + F): x y z, then the chosen
 * fields in the given order. {@code CloudIO} reads them back; with exactly the fields
 * {@code nx ny nz} the names survive, other field names become {@code c3 c4 ...}.
 */
public final class NpyWriter {

    private NpyWriter() {
    }

    /** Writes the coordinates only, as an (N, 3) float32 array. */
    public static void write(Path file, PointCloud cloud) throws IOException {
        write(file, cloud, List.of());
    }

    /**
     * Writes the coordinates and the named fields as an (N, 3 + fields.size()) float32 array.
     *
     * @throws IllegalArgumentException if the cloud is empty or lacks one of the fields
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, PointCloud cloud, List<String> fields) throws IOException {
        int n = cloud.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty cloud: point-cloud readers reject arrays without points");
        }
        int c = 3 + fields.size();
        float[] rows = new float[Math.multiplyExact(n, c)];
        float[] xyz = cloud.xyzView();
        for (int i = 0; i < n; i++) {
            System.arraycopy(xyz, 3 * i, rows, i * c, 3);
        }
        for (int f = 0; f < fields.size(); f++) {
            float[] values = cloud.field(fields.get(f));
            if (values == null) {
                throw new IllegalArgumentException("cloud has no field '" + fields.get(f) + "'; it has " + cloud.fieldNames());
            }
            for (int i = 0; i < n; i++) {
                rows[i * c + 3 + f] = values[i];
            }
        }
        Npy.write(file, rows, n, c);
    }
}
