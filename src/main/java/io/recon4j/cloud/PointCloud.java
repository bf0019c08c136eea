package io.recon4j.cloud;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable cloud of N points: xyz coordinates plus optional named per-point scalar fields
 * (normals {@code nx ny nz}, colour {@code r g b}, {@code intensity}, ...).
 *
 * <p>Coordinates are stored interleaved, {@code xyz[3*i + c]} for point i and axis c, which is the
 * layout of a row-major (N, 3) float32 array and of the tensors handed to the models.
 */
public final class PointCloud {

    private final float[] xyz;
    private final Map<String, float[]> fields;

    /**
     * Creates a cloud without extra fields.
     *
     * @param xyz interleaved coordinates, length 3N; the array is owned by the cloud afterwards
     */
    public PointCloud(float[] xyz) {
        this(xyz, Map.of());
    }

    /**
     * Creates a cloud with extra per-point fields.
     *
     * @param xyz interleaved coordinates, length 3N; owned by the cloud afterwards
     * @param fields extra fields by name, each of length N, in the order they should be reported
     */
    public PointCloud(float[] xyz, Map<String, float[]> fields) {
        Objects.requireNonNull(xyz, "xyz");
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("xyz length " + xyz.length + " is not a multiple of 3");
        }
        int n = xyz.length / 3;
        Map<String, float[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : fields.entrySet()) {
            if (e.getValue().length != n) {
                throw new IllegalArgumentException("field '" + e.getKey() + "' has " + e.getValue().length
                        + " values for " + n + " points");
            }
            copy.put(e.getKey(), e.getValue());
        }
        this.xyz = xyz;
        this.fields = Collections.unmodifiableMap(copy);
    }

    /** @return the number of points N */
    public int size() {
        return xyz.length / 3;
    }

    /** @return coordinate {@code axis} (0 = x, 1 = y, 2 = z) of point {@code i} */
    public float get(int i, int axis) {
        return xyz[3 * i + axis];
    }

    /** @return a copy of the interleaved coordinates, shape (N, 3) row-major */
    public float[] xyz() {
        return xyz.clone();
    }

    /** @return the interleaved coordinates without copying; callers must not modify them */
    float[] xyzView() {
        return xyz;
    }

    /** @return the extra field names, in file order */
    public java.util.Set<String> fieldNames() {
        return fields.keySet();
    }

    /** @return a copy of field {@code name}, or {@code null} if the cloud has no such field */
    public float[] field(String name) {
        float[] f = fields.get(name);
        return f == null ? null : f.clone();
    }

    /** @return true if the cloud carries field {@code name} */
    public boolean hasField(String name) {
        return fields.containsKey(name);
    }

    /** @return a cloud made of the points at {@code indices} (with their fields), in that order */
    public PointCloud select(int[] indices) {
        float[] out = new float[indices.length * 3];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(xyz, 3 * indices[j], out, 3 * j, 3);
        }
        Map<String, float[]> f = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : fields.entrySet()) {
            float[] src = e.getValue();
            float[] dst = new float[indices.length];
            for (int j = 0; j < indices.length; j++) {
                dst[j] = src[indices[j]];
            }
            f.put(e.getKey(), dst);
        }
        return new PointCloud(out, f);
    }

    /** @return a cloud with the same fields and new coordinates (length 3N) */
    public PointCloud withXyz(float[] newXyz) {
        if (newXyz.length != xyz.length) {
            throw new IllegalArgumentException("expected " + xyz.length + " coordinates, got " + newXyz.length);
        }
        return new PointCloud(newXyz, fields);
    }

    /** @return the same coordinates without the extra fields */
    public PointCloud withoutFields() {
        return fields.isEmpty() ? this : new PointCloud(xyz);
    }

    /** @return {minx, miny, minz, maxx, maxy, maxz}; throws if the cloud is empty */
    public float[] boundingBox() {
        if (xyz.length == 0) {
            throw new IllegalStateException("empty cloud has no bounding box");
        }
        float[] b = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < xyz.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                b[c] = Math.min(b[c], xyz[i + c]);
                b[3 + c] = Math.max(b[3 + c], xyz[i + c]);
            }
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PointCloud)) {
            return false;
        }
        PointCloud other = (PointCloud) o;
        if (!Arrays.equals(xyz, other.xyz) || !fields.keySet().equals(other.fields.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> e : fields.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.fields.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xyz) * 31 + fields.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "PointCloud[points=" + size() + ", fields=" + fields.keySet() + "]";
    }
}
