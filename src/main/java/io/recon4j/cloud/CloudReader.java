package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one file format. Implementations are stateless and thread-safe. */
public interface CloudReader {

    /**
     * Reads a file.
     *
     * @param file the file
     * @return its points (and mesh, if any)
     * @throws CloudFormatException if the content is malformed (names the file, place and expectation)
     * @throws IOException if the file cannot be read at all
     */
    CloudFile read(Path file) throws IOException;
}
