package io.recon4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path p = dir.resolve("a.txt");
        AtomicFiles.write(p, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals("first", Files.readString(p));
        AtomicFiles.write(p, out -> {
            out.write("second".getBytes(StandardCharsets.UTF_8));
            out.close(); // closing early is harmless
        });
        assertEquals("second", Files.readString(p));
        assertEquals(List.of(p), listing());
    }

    @Test
    void failedBodyLeavesTargetUntouchedAndNoTemporaryFile() throws IOException {
        Path p = dir.resolve("keep.bin");
        Files.writeString(p, "original");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(p, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk on fire");
        }));
        assertEquals("disk on fire", e.getMessage());
        assertEquals("original", Files.readString(p));
        assertEquals(List.of(p), listing());

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(dir.resolve("new.bin"), out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of(p), listing());
    }

    @Test
    void rejectsMissingDirectoryAndDirectoryTarget() {
        IOException missing = assertThrows(IOException.class,
                () -> AtomicFiles.write(dir.resolve("no/such/dir/f"), out -> { }));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        IOException isDir = assertThrows(IOException.class, () -> AtomicFiles.write(dir, out -> { }));
        assertTrue(isDir.getMessage().contains("is a directory"), isDir.getMessage());
    }

    @Test
    void relativeTargetInWorkingDirectoryResolves() throws IOException {
        // A bare file name has no parent; it must resolve against the working directory.
        Path rel = Path.of("target", "atomic-files-test.tmp");
        Files.createDirectories(rel.getParent());
        try {
            AtomicFiles.write(rel, out -> out.write(1));
            assertEquals(1, Files.size(rel));
        } finally {
            Files.deleteIfExists(rel);
        }
    }
}
