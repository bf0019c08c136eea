package io.recon4j.data;

import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the {@code data}/{@code label} datasets of a ScanObjectNN-style HDF5 file; delegates to {@code io.recon4j.cloud}. */
final class Hdf5Source {

    private Hdf5Source() {
    }

    /** The clouds and their labels, in file order. */
    record Content(List<PointCloud> clouds, int[] labels) {
    }

    static Content read(Path file) throws IOException {
        // UNFINISHED until branch 'io-binary' (Hdf5Clouds) is merged.
        throw new UnsupportedOperationException("HDF5 reading is not wired yet (waiting for io.recon4j.cloud.Hdf5Clouds)");
    }
}
