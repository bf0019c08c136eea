package io.recon4j.data;

import io.recon4j.util.FileFormatException;
import java.nio.file.Path;

/**
 * A dataset folder or index file (class list, split list, few-shot split) that does not have the
 * expected layout or content. The message names the file or folder, the place (line, key or
 * {@code "layout"}) and what was expected.
 */
public class DatasetFormatException extends FileFormatException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the file or folder at fault
     * @param location where, e.g. {@code "line 12"}, {@code "key 'train'"}, {@code "layout"}
     * @param problem what was found and what was expected
     */
    public DatasetFormatException(Path file, String location, String problem) {
        super(file, location, problem);
    }

    /** Same as {@link #DatasetFormatException(Path, String, String)} with the underlying cause. */
    public DatasetFormatException(Path file, String location, String problem, Throwable cause) {
        super(file, location, problem, cause);
    }
}
