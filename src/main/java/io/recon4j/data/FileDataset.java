package io.recon4j.data;

import io.recon4j.cloud.CloudFormatException;
import io.recon4j.cloud.CloudIO;
import io.recon4j.cloud.Mesh;
import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Base of the file-per-shape datasets: one (file, label, id) entry per sample, a loader that turns
 * a file into a processed cloud, and the optional in-memory cache. Labels and ids come from the
 * entries, so {@link #labelOf} and {@link #idOf} never read a file.
 */
abstract class FileDataset implements PointCloudDataset {

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

    FileDataset(List<Entry> entries, boolean cache, Processor processor) {
        this.entries = List.copyOf(entries);
        Objects.requireNonNull(processor, "processor");
        this.cache = new CloudCache(this.entries.size(), cache, i -> processor.load(this.entries.get(i)));
    }

    @Override
    public final int size() {
        return entries.size();
    }

    @Override
    public final Sample get(int index) throws IOException {
        Entry e = entry(index);
        return new Sample(cache.get(index), e.label(), e.id());
    }

    @Override
    public final int labelOf(int index) {
        return entry(index).label();
    }

    @Override
    public final String idOf(int index) {
        return entry(index).id();
    }

    @Override
    public Optional<Mesh> mesh(int index) throws IOException {
        return CloudIO.read(file(index)).mesh();
    }

    /** @return the file sample {@code index} is read from */
    public final Path file(int index) {
        return entry(index).file();
    }

    private Entry entry(int index) {
        Objects.checkIndex(index, entries.size());
        return entries.get(index);
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
