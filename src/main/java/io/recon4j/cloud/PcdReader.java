package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Path;

/** PLACEHOLDER: being written; replace this whole file. */
final class PcdReader implements CloudReader {
    @Override
    public CloudFile read(Path file) throws IOException {
        throw new CloudFormatException(file, "file", "reader not written yet");
    }
}
