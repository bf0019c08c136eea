package io.recon4j.cloud;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns rows of C values per point (array layouts (N, C), as in .npy and HDF5 files) into a
 * {@link PointCloud}: columns 0..2 are x y z; for C == 6 columns 3..5 are the normals
 * {@code nx ny nz}; otherwise extra columns become fields {@code c3 c4 ...}.
 */
final class CloudColumns {

    private CloudColumns() {
    }

    /**
     * @param rows values in row-major (N, C) order starting at {@code start}
     * @param start index of point 0's first value
     * @param n number of points N
     * @param c values per point C, at least 3
     */
    static PointCloud fromRows(float[] rows, int start, int n, int c) {
        if (c < 3) {
            throw new IllegalArgumentException("need at least 3 columns (x, y, z), got " + c);
        }
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, start + i * c, xyz, 3 * i, 3);
        }
        Map<String, float[]> fields = new LinkedHashMap<>();
        for (int col = 3; col < c; col++) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = rows[start + i * c + col];
            }
            fields.put(fieldName(col, c), f);
        }
        return new PointCloud(xyz, fields);
    }

    /** @return the field name of column {@code col} (at least 3) of a C-column array */
    static String fieldName(int col, int c) {
        return c == 6 ? "n" + (char) ('x' + col - 3) : "c" + col;
    }

    /**
     * @return the index of the first point whose x, y or z is NaN or infinite, or -1 if all are finite
     */
    static int firstNonFinite(PointCloud cloud) {
        float[] xyz = cloud.xyzView();
        for (int i = 0; i < xyz.length; i++) {
            if (!Float.isFinite(xyz[i])) {
                return i / 3;
            }
        }
        return -1;
    }
}
