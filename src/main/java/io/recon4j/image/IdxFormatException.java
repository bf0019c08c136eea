package io.recon4j.image;

import io.recon4j.util.FileFormatException;
import java.nio.file.Path;

/**
 * An IDX file (or the pair of files of one split) that cannot be read: the message names the file, the
 * byte offset (in the decompressed data for {@code .gz} files) and what was expected there.
 */
public class IdxFormatException extends FileFormatException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the file being read
     * @param location where, e.g. {@code "byte 4"}
     * @param problem what was found and what was expected
     */
    public IdxFormatException(Path file, String location, String problem) {
        super(file, location, problem);
    }

    /** Same as {@link #IdxFormatException(Path, String, String)} with the underlying cause. */
    public IdxFormatException(Path file, String location, String problem, Throwable cause) {
        super(file, location, problem, cause);
    }
}
