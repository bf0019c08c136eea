package io.recon4j.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void createsAndReplaces() throws IOException {
        Path f = dir.resolve("a.bin");
        AtomicFiles.write(f, out -> out.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        AtomicFiles.write(f, out -> {
            out.write(new byte[] {4});
            out.close(); // closing early is harmless: the data is still flushed and synced
        });
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(f));
        assertEquals(List.of("a.bin"), names());
    }

    @Test
    void contentLargerThanTheBufferArrivesWithoutTheBodyFlushing() throws IOException {
        Path f = dir.resolve("big.bin");
        byte[] content = new byte[3 * (1 << 16) + 7];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 251);
        }
        AtomicFiles.write(f, out -> {
            for (int i = 0; i < content.length; i += 1000) {
                out.write(content, i, Math.min(1000, content.length - i));
            }
        });
        assertArrayEquals(content, Files.readAllBytes(f));
    }

    @Test
    void failureKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path f = dir.resolve("a.bin");
        Files.write(f, new byte[] {7, 7});
        IOException boom = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]);
            throw boom;
        }));
        assertSame(boom, thrown);
        assertArrayEquals(new byte[] {7, 7}, Files.readAllBytes(f));
        assertEquals(List.of("a.bin"), names());
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(dir.resolve("b.bin"), out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of("a.bin"), names());
    }

    @Test
    void rejectsAMissingParentAndADirectoryTarget() throws IOException {
        IOException missing = assertThrows(IOException.class,
                () -> AtomicFiles.write(dir.resolve("no/such/dir/f"), out -> out.write(1)));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        IOException isDir = assertThrows(IOException.class, () -> AtomicFiles.write(dir, out -> out.write(1)));
        assertTrue(isDir.getMessage().contains("is a directory"), isDir.getMessage());
        assertEquals(List.of(), names());
    }

    @Test
    void relativeTargetResolvesAgainstTheWorkingDirectory() throws IOException {
        Path f = dir.resolve("rel.bin");
        Path relative = Path.of("").toAbsolutePath().relativize(f);
        assumeTrue(!relative.isAbsolute(), "temporary folder not reachable by a relative path");
        AtomicFiles.write(relative, out -> out.write(9));
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(f));
        assertEquals(List.of("rel.bin"), names());
    }

    @Test
    void newFileGetsOrdinaryPermissionsNotTheTemporaryFilesOwnerOnlyOnes() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "not a POSIX file system");
        Path ordinary = Files.write(dir.resolve("ordinary.bin"), new byte[] {1});
        Path atomic = dir.resolve("atomic.bin");
        AtomicFiles.write(atomic, out -> out.write(1));
        assertEquals(Files.getPosixFilePermissions(ordinary), Files.getPosixFilePermissions(atomic));
    }
}
