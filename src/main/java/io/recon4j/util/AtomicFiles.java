package io.recon4j.util;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
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
 * Writes files atomically: readers see either the old file or the complete new one, never a
 * half-written file, even if the process dies mid-write.
 *
 * <p>The content goes to a hidden temporary file in the target's directory (same file system, so
 * the final rename is atomic), is flushed to disk, and is then moved over the target.
 */
public final class AtomicFiles {

    /** Produces the content of a file. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the whole content to {@code out}. Need not close it; closing is harmless.
         *
         * @param out a buffered stream to the temporary file
         * @throws IOException to abort the write; the target is then left untouched
         */
        void write(OutputStream out) throws IOException;
    }

    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, replacing it if it exists. Missing parent directories are not
     * created. If {@code body} throws, the target is unchanged and the temporary file is removed.
     *
     * @param target the file to create or replace
     * @param body writes the content
     * @throws IOException if writing, syncing or the final move fails, or {@code body} throws
     */
    public static void write(Path target, Body body) throws IOException {
        try (Pending p = begin(target)) {
            body.write(p.stream());
            p.commit();
        }
    }

    /**
     * Starts writing {@code target} atomically, for content produced over time (e.g. a file that rows are
     * streamed into): write to {@link Pending#stream()}, then {@link Pending#commit()}. Closing without a
     * commit removes the temporary file and leaves the target unchanged.
     *
     * @throws IOException if the parent directory is missing or the target is a directory
     */
    public static Pending begin(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(target + ": parent directory " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": is a directory");
        }
        return new Pending(absolute, createTemp(dir, absolute.getFileName().toString()));
    }

    /** A file being written atomically; see {@link #begin(Path)}. */
    public static final class Pending implements java.io.Closeable {
        private final Path target;
        private final Path tmp;
        private final FileChannel channel;
        private final OutputStream out;
        private boolean done;

        private Pending(Path target, Path tmp) throws IOException {
            this.target = target;
            this.tmp = tmp;
            this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        }

        /** @return a buffered stream to the temporary file; closing it is harmless (the commit syncs and closes) */
        public OutputStream stream() {
            return new NonClosing(out);
        }

        /** Flushes, syncs and moves the temporary file over the target. */
        public void commit() throws IOException {
            if (done) {
                throw new IllegalStateException(target + ": already committed or closed");
            }
            out.flush();
            // Data must be on disk before the rename makes it visible, or a crash could leave an empty file.
            channel.force(true);
            channel.close();
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        }

        /** Discards the temporary file unless committed. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                try {
                    channel.close();
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /** Creates an empty temporary file with default permissions (unlike Files.createTempFile's 0600). */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Lets the body close its stream without closing the channel before the sync. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
