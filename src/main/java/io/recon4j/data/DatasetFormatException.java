package io.recon4j.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset folder or index file (class list, split list, few-shot split) that does not have the
 * expected layout or content. The message names the file or folder, the place (line, key or
 * {@code "layout"}) and what was expected.
 */
public class DatasetFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;

    /**
     * @param file the file or folder at fault
     * @param location where, e.g. {@code "line 12"}, {@code "key 'train'"}, {@code "layout"}
     * @param problem what was found and what was expected
     */
    public DatasetFormatException(Path file, String location, String problem) {
        super(file + ": " + location + ": " + problem);
        this.file = file;
        this.location = location;
    }

    /** Same as {@link #DatasetFormatException(Path, String, String)} with the underlying cause. */
    public DatasetFormatException(Path file, String location, String problem, Throwable cause) {
        this(file, location, problem);
        initCause(cause);
    }

    /** @return the file or folder at fault */
    public Path file() {
        return file;
    }

    /** @return where in it the problem was found */
    public String location() {
        return location;
    }
}
