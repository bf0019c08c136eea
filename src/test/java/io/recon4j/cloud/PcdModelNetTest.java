package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ModelNet10 chair test split (100 binary PCD files of 1024 points) from ../shared. */
@Tag("shared")
class PcdModelNetTest {

    private static final Path CHAIRS = Path.of("..", "shared", "data", "modelnet10", "chair", "test");

    @TempDir
    Path dir;

    private static List<Path> chairs() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CHAIRS), CHAIRS + " not present: skipping the ModelNet10 PCD test");
        try (Stream<Path> s = Files.list(CHAIRS)) {
            return s.filter(p -> p.toString().endsWith(".pcd")).sorted().toList();
        }
    }

    @Test
    void readsAllChairTestFiles() throws IOException {
        List<Path> files = chairs();
        assertEquals(100, files.size());
        for (Path p : files) {
            CloudFile cf = CloudIO.read(p);
            assertEquals("pcd/binary", cf.format(), p.toString());
            PointCloud c = cf.points();
            assertEquals(1024, c.size(), p.toString());
            assertTrue(c.fieldNames().isEmpty());
            // Independent decoding: the floats right after "DATA binary\n", little-endian.
            byte[] bytes = Files.readAllBytes(p);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int start = text.indexOf("DATA binary\n") + "DATA binary\n".length();
            float[] raw = new float[3 * 1024];
            ByteBuffer.wrap(bytes, start, raw.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(raw);
            assertArrayEquals(raw, c.xyz(), p.toString());
            float[] box = c.boundingBox();
            assertTrue(box[3] > box[0] && box[4] > box[1] && box[5] > box[2], "degenerate chair " + p);
        }
    }

    @Test
    void chairRoundTripsThroughEveryEncoding() throws IOException {
        Path chair = chairs().get(0);
        PointCloud original = CloudIO.readPoints(chair);
        for (PcdWriter.Encoding enc : PcdWriter.Encoding.values()) {
            Path out = dir.resolve("chair_" + enc + ".pcd");
            PcdWriter.write(out, original, enc);
            assertEquals(original, CloudIO.readPoints(out), enc.toString());
        }
        long binary = Files.size(dir.resolve("chair_BINARY.pcd"));
        assertTrue(binary >= 12 * 1024, "binary body holds 1024 x 12 bytes");
    }
}
