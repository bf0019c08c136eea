package io.recon4j.model.pth;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code .pth} checkpoint that cannot be read or does not have the expected content. The message
 * always names the file, the place (a zip entry, a byte offset in {@code data.pkl}, or a path in the
 * unpickled tree such as {@code root['base_model']['cls_token']}) and what was expected there.
 */
public class PthFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;

    /**
     * @param file the checkpoint (may be {@code null} for in-memory data)
     * @param location where the problem is
     * @param problem what was found and what was expected
     */
    public PthFormatException(Path file, String location, String problem) {
        super((file == null ? "<memory>" : file.toString()) + ": " + location + ": " + problem);
        this.file = file;
        this.location = location;
    }

    /** Same as {@link #PthFormatException(Path, String, String)} with the underlying cause. */
    public PthFormatException(Path file, String location, String problem, Throwable cause) {
        this(file, location, problem);
        initCause(cause);
    }

    /** @return the checkpoint that failed to read, or {@code null} */
    public Path file() {
        return file;
    }

    /** @return where in the checkpoint the problem was found */
    public String location() {
        return location;
    }
}
