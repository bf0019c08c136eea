package io.recon4j.cloud;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An immutable n-dimensional array as stored in a NumPy {@code .npy} file: a shape, an element
 * type and the elements in C (row-major) order. A 0-dimensional array (shape {@code ()}) holds one
 * scalar. Read and write it with {@link Npy}.
 *
 * <p>Accessors convert: {@link #toFloatArray()} and {@link #toDoubleArray()} accept every type
 * (BOOL as 0/1); {@link #toLongArray()} and {@link #toIntArray()} need an integer or BOOL type;
 * {@link #toBooleanArray()} needs BOOL.
 */
public final class NpyArray {

    private final ScalarType dtype;
    private final long[] shape;
    private final int size;
    /** Elements in C order, little-endian. */
    private final ByteBuffer data;

    NpyArray(ScalarType dtype, long[] shape, ByteBuffer littleEndianData) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.size = elementCount(this.shape);
        if (littleEndianData.remaining() != (long) size * dtype.size()) {
            throw new IllegalArgumentException("shape " + shapeString(shape) + " of " + dtype + " needs "
                    + (long) size * dtype.size() + " bytes, got " + littleEndianData.remaining());
        }
        this.data = littleEndianData.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A FLOAT32 array.
     *
     * @param values elements in C order; copied
     * @param shape dimensions whose product is {@code values.length}; none for a 0-d scalar
     */
    public static NpyArray of(float[] values, long... shape) {
        return filled(ScalarType.FLOAT32, values.length, shape, b -> b.asFloatBuffer().put(values));
    }

    /** A FLOAT64 array; see {@link #of(float[], long...)}. */
    public static NpyArray of(double[] values, long... shape) {
        return filled(ScalarType.FLOAT64, values.length, shape, b -> b.asDoubleBuffer().put(values));
    }

    /** An INT64 array; see {@link #of(float[], long...)}. */
    public static NpyArray of(long[] values, long... shape) {
        return filled(ScalarType.INT64, values.length, shape, b -> b.asLongBuffer().put(values));
    }

    /** An INT32 array; see {@link #of(float[], long...)}. */
    public static NpyArray of(int[] values, long... shape) {
        return filled(ScalarType.INT32, values.length, shape, b -> b.asIntBuffer().put(values));
    }

    /** A BOOL array; see {@link #of(float[], long...)}. */
    public static NpyArray of(boolean[] values, long... shape) {
        return filled(ScalarType.BOOL, values.length, shape, b -> {
            for (int i = 0; i < values.length; i++) {
                b.put(i, (byte) (values[i] ? 1 : 0));
            }
        });
    }

    /** @return the element type */
    public ScalarType dtype() {
        return dtype;
    }

    /** @return a copy of the dimensions; empty for a 0-d scalar */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions (0 for a scalar) */
    public int rank() {
        return shape.length;
    }

    /** @return dimension {@code axis} */
    public long dim(int axis) {
        return shape[axis];
    }

    /** @return the number of elements (1 for a scalar) */
    public int size() {
        return size;
    }

    /** @return element {@code index} (C order) as a float */
    public float getFloat(int index) {
        return (float) getDouble(index);
    }

    /** @return element {@code index} (C order) as a double */
    public double getDouble(int index) {
        return dtype.read(data, byteOffset(index));
    }

    /**
     * @return element {@code index} (C order) of an integer or BOOL array (UINT64 as its raw bits)
     * @throws IllegalStateException for float arrays
     */
    public long getLong(int index) {
        requireIntegral();
        return dtype.readLong(data, byteOffset(index));
    }

    /** @return all elements as floats (64-bit values are rounded) */
    public float[] toFloatArray() {
        float[] out = new float[size];
        if (dtype == ScalarType.FLOAT32) {
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < size; i++) {
                out[i] = (float) dtype.read(data, i * dtype.size());
            }
        }
        return out;
    }

    /** @return all elements as doubles */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = dtype.read(data, i * dtype.size());
        }
        return out;
    }

    /**
     * @return all elements of an integer or BOOL array as longs (UINT64 as its raw bits)
     * @throws IllegalStateException for float arrays
     */
    public long[] toLongArray() {
        requireIntegral();
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = dtype.readLong(data, i * dtype.size());
        }
        return out;
    }

    /**
     * @return all elements of an integer or BOOL array as ints
     * @throws IllegalStateException for float arrays or if a value does not fit in an int
     */
    public int[] toIntArray() {
        long[] wide = toLongArray();
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            if (wide[i] != (int) wide[i] || (dtype == ScalarType.UINT64 && wide[i] < 0)) {
                throw new IllegalStateException("element " + i + " = " + wide[i] + " does not fit in an int");
            }
            out[i] = (int) wide[i];
        }
        return out;
    }

    /**
     * @return all elements of a BOOL array
     * @throws IllegalStateException for other types
     */
    public boolean[] toBooleanArray() {
        if (dtype != ScalarType.BOOL) {
            throw new IllegalStateException("array has dtype " + dtype + ", not BOOL");
        }
        boolean[] out = new boolean[size];
        for (int i = 0; i < size; i++) {
            out[i] = data.get(i) != 0;
        }
        return out;
    }

    /** @return the elements as little-endian bytes, without copying; callers must not modify them */
    ByteBuffer littleEndianData() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + ", shape=" + shapeString(shape) + "]";
    }

    /** @return a shape in Python tuple notation, e.g. {@code (2, 256, 3)}, {@code (5,)} or {@code ()} */
    static String shapeString(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * @return the product of the dimensions
     * @throws IllegalArgumentException if a dimension is negative or the product exceeds a Java array
     */
    static int elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = d == 0 ? 0 : n;
            if (n != 0 && d > Integer.MAX_VALUE / n) {
                throw new IllegalArgumentException("shape " + shapeString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
            n *= d;
        }
        return (int) n;
    }

    private void requireIntegral() {
        if (dtype.isFloating()) {
            throw new IllegalStateException("array has float dtype " + dtype + ", not an integer type");
        }
    }

    private int byteOffset(int index) {
        Objects.checkIndex(index, size);
        return index * dtype.size();
    }

    /** Builds an array of {@code length} elements whose little-endian bytes {@code fill} writes (absolute puts). */
    private static NpyArray filled(ScalarType dtype, int length, long[] shape, Consumer<ByteBuffer> fill) {
        if (elementCount(shape) != length) {
            throw new IllegalArgumentException("shape " + shapeString(shape) + " holds " + elementCount(shape)
                    + " elements, but " + length + " values were given");
        }
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(length, dtype.size())).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return new NpyArray(dtype, shape, b);
    }
}
