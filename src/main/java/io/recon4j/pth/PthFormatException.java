package io.recon4j.pth;

import io.recon4j.util.FileFormatException;
import java.nio.file.Path;

/**
 * A {@code .pth} checkpoint that cannot be read or does not have the expected content. The message
 * always names the file, the place (a zip entry, a byte offset in {@code data.pkl}, or a path in the
 * unpickled tree such as {@code root['base_model']['cls_token']}) and what was expected there.
 */
public class PthFormatException extends FileFormatException {

    private static final long serialVersionUID = 1L;

    /**
     * @param file the checkpoint (may be {@code null} for in-memory data)
     * @param location where the problem is
     * @param problem what was found and what was expected
     */
    public PthFormatException(Path file, String location, String problem) {
        super(file, location, problem);
    }

    /** Same as {@link #PthFormatException(Path, String, String)} with the underlying cause. */
    public PthFormatException(Path file, String location, String problem, Throwable cause) {
        super(file, location, problem, cause);
    }
}
