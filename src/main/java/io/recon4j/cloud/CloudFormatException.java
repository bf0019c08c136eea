package io.recon4j.cloud;

import io.recon4j.util.FileFormatException;
import java.nio.file.Path;

/**
 * A point-cloud or mesh file that cannot be read: the message always names the file, the place
 * (line or byte offset, see {@link #line} and {@link #offset}) and what was expected there.
 */
public class CloudFormatException extends FileFormatException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the file being read (may be {@code null} for data without a file)
     * @param location where the problem is, e.g. {@code "line 12"} or {@code "byte 4096"}
     * @param problem what was found and what was expected
     */
    public CloudFormatException(Path file, String location, String problem) {
        super(file, location, problem);
    }

    /** Same as {@link #CloudFormatException(Path, String, String)} with the underlying cause. */
    public CloudFormatException(Path file, String location, String problem, Throwable cause) {
        super(file, location, problem, cause);
    }
}
