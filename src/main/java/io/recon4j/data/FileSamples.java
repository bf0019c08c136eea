package io.recon4j.data;

import io.recon4j.cloud.CloudFormatException;
import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The samples of a file-per-shape dataset: one (file, label, id) entry per sample, a loader that
 * turns a file into a processed cloud, and the optional in-memory cache. Shared by the datasets.
 */
final class FileSamples {

    /** One sample's file, label and id. */
    record Entry(Path file, int label, String id) {
    }

    /** Reads and processes one entry's file. */
    @FunctionalInterface
    interface Processor {
        PointCloud load(Entry entry) throws IOException;
    }

    private final List<Entry> entries;
    private final CloudCache cache;

    FileSamples(List<Entry> entries, boolean cache, Processor processor) {
        this.entries = List.copyOf(entries);
        Objects.requireNonNull(processor, "processor");
        this.cache = new CloudCache(this.entries.size(), cache, i -> processor.load(this.entries.get(i)));
    }

    int size() {
        return entries.size();
    }

    Entry entry(int index) {
        Objects.checkIndex(index, entries.size());
        return entries.get(index);
    }

    Sample get(int index) throws IOException {
        Entry e = entry(index);
        return new Sample(cache.get(index), e.label(), e.id());
    }

    /** @return {@link Transforms#normalize} of the cloud, with a degenerate cloud reported against its file */
    static PointCloud normalize(PointCloud cloud, Path file) throws IOException {
        try {
            return Transforms.normalize(cloud);
        } catch (IllegalArgumentException e) {
            throw new CloudFormatException(file, "points", e.getMessage());
        }
    }
}
