package io.recon4j.cloud;

import java.util.Arrays;

/** A growable float array for readers that do not know the point count in advance. */
final class FloatList {

    private float[] data;
    private int size;

    /** @param capacity initial capacity; callers cap header-declared counts so a bad header cannot exhaust memory */
    FloatList(int capacity) {
        data = new float[Math.max(capacity, 4)];
    }

    void add(float v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, grow(data.length));
        }
        data[size++] = v;
    }

    int size() {
        return size;
    }

    /** @return the values, length {@link #size()} */
    float[] toArray() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }

    static int grow(int length) {
        int next = length + (length >> 1) + 1;
        // Stay below the VM's array limit; beyond it the file is too large for one cloud anyway.
        return next < 0 || next > Integer.MAX_VALUE - 8 ? Integer.MAX_VALUE - 8 : next;
    }
}
