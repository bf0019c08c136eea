package io.recon4j.bench;

import io.recon4j.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output files of the benchmarks: their folder, and text written atomically (a stopped run leaves whole files). */
final class BenchFiles {

    private BenchFiles() {
    }

    /** @return {@code dir}, created with its parents if missing */
    static Path folder(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + dir, e);
        }
    }

    /** Replaces {@code file} with {@code text} (UTF-8) atomically. */
    static void writeText(Path file, String text) {
        try {
            AtomicFiles.write(file, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
