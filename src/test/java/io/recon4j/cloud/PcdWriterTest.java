package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class PcdWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PcdWriter.Encoding.class)
    void roundTripsExactlyWithExtraFields(PcdWriter.Encoding encoding) throws IOException {
        PointCloud cloud = Fixtures.awkwardCloud(500, 1);
        Path p = dir.resolve("c.pcd");
        PcdWriter.write(p, cloud, encoding);
        CloudFile back = new PcdReader().read(p);
        assertEquals("pcd/" + encoding.name().toLowerCase(java.util.Locale.ROOT), back.format());
        PointCloud c = back.points();
        assertArrayEquals(cloud.xyz(), c.xyz());
        assertEquals(List.of("nx", "ny", "nz", "r", "g", "b", "intensity"), List.copyOf(c.fieldNames()));
        for (String name : cloud.fieldNames()) {
            assertArrayEquals(cloud.field(name), c.field(name), name);
        }
        assertEquals(cloud, c);
        String header = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("FIELDS x y z normal_x normal_y normal_z rgb intensity\n"), header.substring(0, 200));
        // PCL's convention: packed rgb is a float in binary files and an unsigned integer in ASCII ones.
        assertTrue(header.contains(encoding == PcdWriter.Encoding.ASCII ? "TYPE F F F F F F U F\n" : "TYPE F F F F F F F F\n"));
    }

    @Test
    void colourWithAlphaIsPackedAsRgbaAndNonIntegerColourIsNotPacked() throws IOException {
        Map<String, float[]> fields = new LinkedHashMap<>();
        fields.put("r", new float[] {255, 0});
        fields.put("g", new float[] {1, 2});
        fields.put("b", new float[] {3, 4});
        fields.put("a", new float[] {128, 255});
        PointCloud rgba = new PointCloud(new float[] {0, 0, 0, 1, 1, 1}, fields);
        for (PcdWriter.Encoding enc : PcdWriter.Encoding.values()) {
            Path p = dir.resolve("rgba.pcd");
            PcdWriter.write(p, rgba, enc);
            String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("FIELDS x y z rgba\n") && text.contains("TYPE F F F U\n"), text.substring(0, 200));
            if (enc == PcdWriter.Encoding.ASCII) {
                // PCL writes packed colours as unsigned integers.
                assertTrue(text.contains("0 0 0 " + Integer.toUnsignedString(0x80FF0103) + "\n"), text);
            }
            PointCloud back = new PcdReader().read(p).points();
            assertEquals(List.of("r", "g", "b", "a"), List.copyOf(back.fieldNames()));
            assertEquals(rgba, back);
        }
        fields.put("g", new float[] {0.5f, 2});
        PointCloud loose = new PointCloud(new float[] {0, 0, 0, 1, 1, 1}, fields);
        byte[] bytes = PcdWriter.encode(loose, PcdWriter.Encoding.BINARY);
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("FIELDS x y z r g b a\n"));
        Path p = dir.resolve("loose.pcd");
        Files.write(p, bytes);
        assertEquals(loose, new PcdReader().read(p).points());
    }

    @Test
    void nonFiniteCoordinatesAreWrittenAndOnlyReadBackWhenDropping() throws IOException {
        PointCloud cloud = new PointCloud(new float[] {1, 2, 3, Float.NaN, 0, 0, 4, 5, 6});
        for (PcdWriter.Encoding enc : PcdWriter.Encoding.values()) {
            Path p = dir.resolve("nan.pcd");
            PcdWriter.write(p, cloud, enc);
            assertThrows(CloudFormatException.class, () -> new PcdReader().read(p));
            PcdReader.Result r = new PcdReader(PcdReader.Options.DROP_NON_FINITE).readWithDetails(p);
            assertEquals(1, r.droppedNonFinite());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, r.file().points().xyz());
        }
    }

    @Test
    void asciiFormatsFloatsCompactly() {
        assertEquals("1", PcdWriter.formatFloat(1f));
        assertEquals("-0", PcdWriter.formatFloat(-0f));
        assertEquals("0.1", PcdWriter.formatFloat(0.1f));
        assertEquals("1.0E-5", PcdWriter.formatFloat(1e-5f));
        assertEquals("nan", PcdWriter.formatFloat(Float.NaN));
        assertEquals("-inf", PcdWriter.formatFloat(Float.NEGATIVE_INFINITY));
    }

    @Test
    void compressesRepetitiveData() {
        PointCloud flat = new PointCloud(new float[3 * 4096]); // all zeros
        byte[] compressed = PcdWriter.encode(flat, PcdWriter.Encoding.BINARY_COMPRESSED);
        byte[] binary = PcdWriter.encode(flat, PcdWriter.Encoding.BINARY);
        assertTrue(compressed.length < binary.length / 20, compressed.length + " vs " + binary.length);
    }

    @Test
    void rejectsEmptyCloudsAndUnwritableNames() {
        assertThrows(IllegalArgumentException.class,
                () -> PcdWriter.encode(new PointCloud(new float[0]), PcdWriter.Encoding.BINARY));
        for (String bad : List.of("rgb", "normal_x", "_", "two words", "")) {
            PointCloud c = new PointCloud(new float[] {0, 0, 0}, Map.of(bad, new float[] {1}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PcdWriter.encode(c, PcdWriter.Encoding.ASCII), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void replacesExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("x.pcd");
        Files.writeString(p, "old content");
        PcdWriter.write(p, new PointCloud(new float[] {1, 2, 3}), PcdWriter.Encoding.ASCII);
        assertArrayEquals(new float[] {1, 2, 3}, new PcdReader().read(p).points().xyz());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }
}
