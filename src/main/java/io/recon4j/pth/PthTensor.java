package io.recon4j.pth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor from a {@code .pth} checkpoint: a dtype, a shape and a strided view into a storage that
 * other tensors may share. Values come out as fresh contiguous row-major (C-order) arrays, whatever
 * the strides and storage offset in the file.
 */
public final class PthTensor {

    private final Storage storage;
    private final long storageOffset;
    private final long[] shape;
    private final long[] stride;

    /** Caller has checked that shape/stride are non-negative, equally long and that numel cannot overflow. */
    PthTensor(Storage storage, long storageOffset, long[] shape, long[] stride) {
        this.storage = storage;
        this.storageOffset = storageOffset;
        this.shape = shape.clone();
        this.stride = stride.clone();
    }

    /**
     * A float32 tensor holding a copy of {@code values} in row-major order.
     *
     * @param values the elements, {@code product(shape)} of them
     * @param shape the dimensions; none for a 0-dim (scalar) tensor
     * @return the tensor
     */
    public static PthTensor ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(checkedNumel(values.length, shape) * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new PthTensor(Storage.wrap(PthDType.FLOAT32, b), 0, shape, contiguousStrides(shape));
    }

    /**
     * An int64 tensor holding a copy of {@code values} in row-major order (e.g. BatchNorm's
     * {@code num_batches_tracked}, a 0-dim int64).
     *
     * @param values the elements, {@code product(shape)} of them
     * @param shape the dimensions; none for a 0-dim (scalar) tensor
     * @return the tensor
     */
    public static PthTensor ofLongs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(checkedNumel(values.length, shape) * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new PthTensor(Storage.wrap(PthDType.INT64, b), 0, shape, contiguousStrides(shape));
    }

    private static int checkedNumel(int length, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " elements but " + length + " values were given");
        }
        return length;
    }

    /** @return row-major strides (in elements) for {@code shape} */
    static long[] contiguousStrides(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= Math.max(1, shape[i]);
        }
        return s;
    }

    /** @return the element type */
    public PthDType dtype() {
        return storage.dtype;
    }

    /** @return a copy of the dimensions; empty for a 0-dim tensor */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements (1 for a 0-dim tensor) */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * @return the elements as a new row-major {@code float[]}; float64 values are rounded to float,
     *     float16/bfloat16 widened exactly
     * @throws IllegalStateException if the dtype is not floating point or the tensor has more than
     *     {@code Integer.MAX_VALUE} elements
     */
    public float[] toFloats() {
        if (!dtype().isFloatingPoint()) {
            throw new IllegalStateException("toFloats() on a " + dtype() + " tensor; use toLongs()");
        }
        float[] out = new float[arrayLength()];
        ByteBuffer b = storage.data();
        if (isContiguous() && dtype() == PthDType.FLOAT32) {
            b.position(Math.toIntExact(storageOffset * 4)).asFloatBuffer().get(out);
            return out;
        }
        forEachIndex((i, e) -> out[i] = readFloat(b, e));
        return out;
    }

    /**
     * @return the elements as a new row-major {@code long[]} (bool as 0/1, uint8 as 0..255)
     * @throws IllegalStateException if the dtype is floating point or the tensor has more than
     *     {@code Integer.MAX_VALUE} elements
     */
    public long[] toLongs() {
        if (dtype().isFloatingPoint()) {
            throw new IllegalStateException("toLongs() on a " + dtype() + " tensor; use toFloats()");
        }
        long[] out = new long[arrayLength()];
        ByteBuffer b = storage.data();
        forEachIndex((i, e) -> out[i] = readLong(b, e));
        return out;
    }

    @Override
    public String toString() {
        return "PthTensor(" + dtype() + ", " + Arrays.toString(shape) + ")";
    }

    Storage storage() {
        return storage;
    }

    long storageOffset() {
        return storageOffset;
    }

    long[] stride() {
        return stride.clone();
    }

    /** @return whether the elements are one dense row-major run in the storage */
    boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 0) {
                return true;
            }
            // a size-1 dimension is never stepped over, so its stride is irrelevant (as in torch)
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** @return one past the largest storage index this view touches ({@code storageOffset} when empty) */
    long storageExtent() {
        if (numel() == 0) {
            return storageOffset;
        }
        long last = storageOffset;
        for (int d = 0; d < shape.length; d++) {
            last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
        }
        return last + 1;
    }

    private int arrayLength() {
        long n = numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor " + Arrays.toString(shape) + " has too many elements for a Java array");
        }
        return (int) n;
    }

    private interface IndexVisitor {
        void visit(int flatIndex, long storageIndex);
    }

    /** Visits every element in row-major order with its storage index (odometer over the strides). */
    private void forEachIndex(IndexVisitor v) {
        int n = arrayLength();
        int rank = shape.length;
        long[] counter = new long[rank];
        long e = storageOffset;
        for (int i = 0; i < n; i++) {
            v.visit(i, e);
            for (int d = rank - 1; d >= 0; d--) {
                if (++counter[d] < shape[d]) {
                    e += stride[d];
                    break;
                }
                e -= (shape[d] - 1) * stride[d];
                counter[d] = 0;
            }
        }
    }

    private float readFloat(ByteBuffer b, long element) {
        int at = Math.toIntExact(element * dtype().itemSize());
        switch (dtype()) {
            case FLOAT32:
                return b.getFloat(at);
            case FLOAT64:
                return (float) b.getDouble(at);
            case FLOAT16:
                return halfToFloat(b.getShort(at));
            case BFLOAT16:
                return Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            default:
                throw new AssertionError(dtype());
        }
    }

    private long readLong(ByteBuffer b, long element) {
        int at = Math.toIntExact(element * dtype().itemSize());
        switch (dtype()) {
            case INT64:
                return b.getLong(at);
            case INT32:
                return b.getInt(at);
            case INT16:
                return b.getShort(at);
            case INT8:
                return b.get(at);
            case UINT8:
                return b.get(at) & 0xff;
            case BOOL:
                return b.get(at) != 0 ? 1 : 0;
            default:
                throw new AssertionError(dtype());
        }
    }

    /** IEEE 754 binary16 to binary32 (exact); Java 17 has no Float.float16ToFloat. */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
