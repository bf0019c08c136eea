package io.recon4j.cloud;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Reads the HDF5 point-cloud collections used by ScanObjectNN ({@code data} (M, N, 3) float32,
 * {@code label} (M,)) and PointNet's {@code modelnet40_ply_hdf5_2048} ({@code data} (M, 2048, 3)
 * float32, {@code label} (M, 1) uint8, {@code normal} (M, 2048, 3)).
 *
 * <p>The data dataset must be (M, N, C) with C &gt;= 3, float32 or float64: columns are mapped as in
 * {@code .npy} clouds (x y z, then {@code nx ny nz} if C == 6, else {@code c3 ...}). Labels must be
 * (M,) or (M, 1) of any integer type. The whole file is read into memory (M x N x C floats) and then
 * sliced into M clouds. Non-finite coordinates are an error.
 */
public final class Hdf5Clouds {

    /**
     * Dataset names inside the file.
     *
     * @param data the (M, N, C) point dataset
     * @param label the (M,) or (M, 1) label dataset
     * @param normal an optional (M, N, 3) normal dataset stored as fields {@code nx ny nz}, or {@code null} to ignore normals
     */
    public record Keys(String data, String label, String normal) {
        /** {@code data} and {@code label}, normals ignored: ScanObjectNN and PointNet files. */
        public static final Keys DEFAULT = new Keys("data", "label", null);
        /** {@code data}, {@code label} and {@code normal}: PointNet's modelnet40_ply_hdf5_2048 with normals. */
        public static final Keys WITH_NORMALS = new Keys("data", "label", "normal");

        public Keys {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * The clouds of one file and their labels; {@code labels[m]} belongs to {@code clouds.get(m)}.
     *
     * @param clouds the M clouds, each of N points
     * @param labels the M labels (the array is shared, not copied)
     */
    public record Content(List<PointCloud> clouds, int[] labels) {
        public Content {
            clouds = List.copyOf(clouds);
            if (labels.length != clouds.size()) {
                throw new IllegalArgumentException(clouds.size() + " clouds but " + labels.length + " labels");
            }
        }
    }

    private Hdf5Clouds() {
    }

    /** Reads {@code data} and {@code label}; see {@link #read(Path, Keys)}. */
    public static Content read(Path file) throws IOException {
        return read(file, Keys.DEFAULT);
    }

    /**
     * Reads all clouds and labels of an HDF5 file.
     *
     * @throws CloudFormatException if a dataset is missing (the message lists those present), has the
     *     wrong rank or type, the label count differs from the cloud count, or a coordinate is not finite
     * @throws IOException if the file cannot be read
     */
    public static Content read(Path file, Keys keys) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset dataSet = dataset(file, hdf, keys.data());
            int[] dims = dataSet.getDimensions();
            if (dims.length != 3 || dims[2] < 3) {
                throw new CloudFormatException(file, where(keys.data()), "shape " + Arrays.toString(dims)
                        + ", expected (M, N, C) with C >= 3");
            }
            int m = dims[0];
            int n = dims[1];
            int c = dims[2];
            if (m == 0 || n == 0) {
                throw new CloudFormatException(file, where(keys.data()), "empty cloud: shape " + Arrays.toString(dims));
            }
            int[] labels = labels(file, dataset(file, hdf, keys.label()), keys.label(), m);
            float[] normals = null;
            if (keys.normal() != null) {
                Dataset normalSet = dataset(file, hdf, keys.normal());
                if (!Arrays.equals(normalSet.getDimensions(), new int[] {m, n, 3})) {
                    throw new CloudFormatException(file, where(keys.normal()), "shape "
                            + Arrays.toString(normalSet.getDimensions()) + ", expected [" + m + ", " + n + ", 3] to match '"
                            + keys.data() + "'");
                }
                if (c == 6) {
                    throw new CloudFormatException(file, where(keys.normal()), "'" + keys.data()
                            + "' already has 6 columns (x y z nx ny nz); read without a normal dataset");
                }
                normals = floats(file, normalSet, keys.normal());
            }
            float[] rows = floats(file, dataSet, keys.data());
            List<PointCloud> clouds = new ArrayList<>(m);
            for (int k = 0; k < m; k++) {
                PointCloud cloud = CloudColumns.fromRows(rows, k * n * c, n, c);
                int bad = CloudColumns.firstNonFinite(cloud);
                if (bad >= 0) {
                    throw new CloudFormatException(file, where(keys.data()) + ", cloud " + k, "point " + bad
                            + " has non-finite coordinates (" + cloud.get(bad, 0) + ", " + cloud.get(bad, 1) + ", "
                            + cloud.get(bad, 2) + ")");
                }
                if (normals != null) {
                    cloud = withNormals(cloud, normals, k * n * 3);
                }
                clouds.add(cloud);
            }
            return new Content(clouds, labels);
        } catch (HdfException e) {
            throw new CloudFormatException(file, "file", "not a readable HDF5 file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // jhdf reports some corrupt structures with plain runtime exceptions (buffer underflow, bad index).
            throw new CloudFormatException(file, "file", "corrupt HDF5 structure: " + e, e);
        }
    }

    private static String where(String key) {
        return "dataset '" + key + "'";
    }

    private static Dataset dataset(Path file, HdfFile hdf, String key) throws CloudFormatException {
        Node node;
        try {
            node = key.contains("/") ? hdf.getByPath(key) : hdf.getChild(key);
        } catch (HdfException e) {
            node = null;
        }
        if (!(node instanceof Dataset)) {
            throw new CloudFormatException(file, where(key), (node == null ? "missing" : "is a group, not a dataset")
                    + "; the file has datasets " + datasetNames(hdf));
        }
        return (Dataset) node;
    }

    private static TreeSet<String> datasetNames(Group group) {
        TreeSet<String> names = new TreeSet<>();
        for (Node child : group) {
            if (child instanceof Group) {
                names.addAll(datasetNames((Group) child));
            } else if (child instanceof Dataset) {
                String path = child.getPath();
                names.add(path.replaceFirst("^/+", ""));
            }
        }
        return names;
    }

    private static float[] floats(Path file, Dataset set, String key) throws CloudFormatException {
        Object flat = flatData(file, set, key);
        if (flat instanceof float[]) {
            return (float[]) flat;
        }
        if (flat instanceof double[]) {
            double[] d = (double[]) flat;
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new CloudFormatException(file, where(key), "element type " + set.getJavaType()
                + ", expected float32 or float64");
    }

    private static int[] labels(Path file, Dataset set, String key, int m) throws CloudFormatException {
        int[] dims = set.getDimensions();
        if (!(dims.length == 1 || (dims.length == 2 && dims[1] == 1))) {
            throw new CloudFormatException(file, where(key), "shape " + Arrays.toString(dims) + ", expected (M,) or (M, 1)");
        }
        if (dims[0] != m) {
            throw new CloudFormatException(file, where(key), "label count mismatch: " + dims[0] + " labels for "
                    + m + " clouds");
        }
        return toLabels(file, key, flatData(file, set, key));
    }

    /** Converts jhdf's flat integer data (signed types as is, unsigned ones widened) to int labels. */
    static int[] toLabels(Path file, String key, Object flat) throws CloudFormatException {
        long[] wide;
        if (flat instanceof byte[]) {
            byte[] b = (byte[]) flat;
            wide = new long[b.length];
            for (int i = 0; i < b.length; i++) {
                wide[i] = b[i];
            }
        } else if (flat instanceof short[]) {
            short[] s = (short[]) flat;
            wide = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                wide[i] = s[i];
            }
        } else if (flat instanceof int[]) {
            return ((int[]) flat).clone();
        } else if (flat instanceof long[]) {
            wide = (long[]) flat;
        } else if (flat instanceof Number[]) { // jhdf gives BigInteger[] for uint64
            Number[] num = (Number[]) flat;
            wide = new long[num.length];
            for (int i = 0; i < num.length; i++) {
                java.math.BigInteger v = new java.math.BigInteger(num[i].toString());
                wide[i] = v.bitLength() < 64 ? v.longValue() : Long.MAX_VALUE;
            }
        } else {
            throw new CloudFormatException(file, where(key), "element type "
                    + (flat == null ? "unknown" : flat.getClass().getComponentType()) + ", expected an integer type");
        }
        int[] out = new int[wide.length];
        for (int i = 0; i < wide.length; i++) {
            if (wide[i] != (int) wide[i]) {
                throw new CloudFormatException(file, where(key), "label " + i + " = " + wide[i] + " does not fit in an int");
            }
            out[i] = (int) wide[i];
        }
        return out;
    }

    private static Object flatData(Path file, Dataset set, String key) throws CloudFormatException {
        try {
            return set.getDataFlat();
        } catch (RuntimeException e) {
            // jhdf signals corrupt or unsupported storage (unknown filter, truncated chunk) with runtime exceptions.
            throw new CloudFormatException(file, where(key), "cannot read the data: " + e, e);
        }
    }

    private static PointCloud withNormals(PointCloud cloud, float[] normals, int start) {
        int n = cloud.size();
        Map<String, float[]> fields = new LinkedHashMap<>();
        for (String name : cloud.fieldNames()) {
            fields.put(name, cloud.field(name));
        }
        for (int axis = 0; axis < 3; axis++) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = normals[start + 3 * i + axis];
            }
            fields.put("n" + (char) ('x' + axis), f);
        }
        return new PointCloud(cloud.xyzView(), fields);
    }
}
