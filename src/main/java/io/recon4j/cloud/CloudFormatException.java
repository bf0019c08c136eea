package io.recon4j.cloud;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A point-cloud or mesh file that cannot be read: the message always names the file, the place
 * (line or byte offset) and what was expected there.
 */
public class CloudFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;

    /**
     * @param file the file being read (may be {@code null} for streams without a name)
     * @param location where the problem is, e.g. {@code "line 12"} or {@code "byte 4096"}
     * @param problem what was found and what was expected
     */
    public CloudFormatException(Path file, String location, String problem) {
        super((file == null ? "<stream>" : file.toString()) + ": " + location + ": " + problem);
        this.file = file;
        this.location = location;
    }

    /** Same as {@link #CloudFormatException(Path, String, String)} with the underlying cause. */
    public CloudFormatException(Path file, String location, String problem, Throwable cause) {
        this(file, location, problem);
        initCause(cause);
    }

    /** @return a location string for a 1-based line number */
    public static String line(long lineNumber) {
        return "line " + lineNumber;
    }

    /** @return a location string for a 0-based byte offset */
    public static String offset(long byteOffset) {
        return "byte " + byteOffset;
    }

    /** @return the file that failed to read, or {@code null} */
    public Path file() {
        return file;
    }

    /** @return where in the file the problem was found */
    public String location() {
        return location;
    }
}
