package io.recon4j.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        AtomicFiles.write(f, out -> out.write(new byte[] {4}));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(f));
        assertEquals(List.of("a.bin"), names());
    }

    @Test
    void failureKeepsTheOldFileAndRemovesTheTemporary() throws IOException {
        Path f = dir.resolve("a.bin");
        Files.write(f, new byte[] {7, 7});
        IOException boom = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[1000]);
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
}
