package io.recon4j.model.pth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old or the complete new content: a temp file in the
 * same directory, flushed to disk, then renamed over the target. Stand-in until the shared
 * {@code io.recon4j.util.AtomicFiles} is merged.
 */
final class AtomicReplace {

    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicReplace() {}

    static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        boolean moved = false;
        try {
            FileChannel created = null;
            while (created == null) {
                // CREATE_NEW keeps the umask-derived permissions (Files.createTempFile would force 0600)
                tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    created = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
                } catch (FileAlreadyExistsException e) {
                    tmp = null;
                }
            }
            try (FileChannel ch = created;
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // same directory, so this only happens on file systems without rename (rare)
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved && tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
