package io.recon4j.cloud;

import java.util.Arrays;

/** A growable int array (face indices) for readers that do not know the face count in advance. */
final class IntList {

    private int[] data;
    private int size;

    /** @param capacity initial capacity; callers cap header-declared counts so a bad header cannot exhaust memory */
    IntList(int capacity) {
        data = new int[Math.max(capacity, 4)];
    }

    void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, FloatList.grow(data.length));
        }
        data[size++] = v;
    }

    int get(int i) {
        return data[i];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** @return the values, length {@link #size()} */
    int[] toArray() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }
}
