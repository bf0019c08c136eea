package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Optional in-memory cache of loaded clouds, one slot per sample. Thread-safe; two threads missing
 * the same slot at once both load it (loading is deterministic, so either result is the same).
 */
final class CloudCache {

    /** Loads sample {@code index}. */
    @FunctionalInterface
    interface Loader {
        PointCloud load(int index) throws IOException;
    }

    private final AtomicReferenceArray<PointCloud> slots;
    private final Loader loader;

    /** @param size number of samples; {@code enabled == false} makes every call load */
    CloudCache(int size, boolean enabled, Loader loader) {
        this.slots = enabled ? new AtomicReferenceArray<>(size) : null;
        this.loader = loader;
    }

    PointCloud get(int index) throws IOException {
        if (slots == null) {
            return loader.load(index);
        }
        PointCloud c = slots.get(index);
        if (c == null) {
            c = loader.load(index);
            slots.compareAndSet(index, null, c);
        }
        return c;
    }
}
