package io.recon4j.util;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file whose content is not what its reader expects. The message always has the form
 * {@code <file>: <location>: <problem>}: the file, the place (a line, a byte offset, a key...) and
 * what was found and expected there. Each reader family has its own subclass.
 */
public abstract class FileFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;

    /**
     * @param file the file at fault ({@code null} for data without a file, shown as {@code <unnamed>})
     * @param location where the problem is, e.g. {@code "line 12"} or {@code "byte 4096"}
     * @param problem what was found and what was expected
     */
    protected FileFormatException(Path file, String location, String problem) {
        super((file == null ? "<unnamed>" : file.toString()) + ": " + location + ": " + problem);
        this.file = file;
        this.location = location;
    }

    /** Same as {@link #FileFormatException(Path, String, String)} with the underlying cause. */
    protected FileFormatException(Path file, String location, String problem, Throwable cause) {
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

    /** @return the file at fault, or {@code null} */
    public Path file() {
        return file;
    }

    /** @return where in the file the problem was found */
    public String location() {
        return location;
    }
}
