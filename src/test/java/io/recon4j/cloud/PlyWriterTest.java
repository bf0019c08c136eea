package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Tag("fast")
class PlyWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PlyWriter.Encoding.class)
    void pointCloudRoundTripIsExact(PlyWriter.Encoding encoding) throws IOException {
        PointCloud original = Fixtures.awkwardCloud(500, 1);
        Path f = dir.resolve("cloud.ply");
        new PlyWriter(encoding).write(f, original);
        CloudFile back = CloudIO.read(f);
        assertEquals(original, back.points());
        assertEquals(List.copyOf(original.fieldNames()), List.copyOf(back.points().fieldNames()));
        assertFalse(back.mesh().isPresent());
        assertEquals(encoding == PlyWriter.Encoding.ASCII ? "ply/ascii" : "ply/binary_little_endian", back.format());
    }

    @ParameterizedTest
    @EnumSource(PlyWriter.Encoding.class)
    void meshRoundTripKeepsTriangles(PlyWriter.Encoding encoding) throws IOException {
        PointCloud v = Fixtures.awkwardCloud(50, 2);
        Random r = new Random(3);
        int[] tris = new int[3 * 80];
        for (int i = 0; i < tris.length; i++) {
            tris[i] = r.nextInt(50);
        }
        Path f = dir.resolve("mesh.ply");
        new PlyWriter(encoding).write(f, new Mesh(v, tris));
        CloudFile back = CloudIO.read(f);
        assertEquals(v, back.points());
        assertArrayEquals(tris, back.mesh().get().triangles());
    }

    @Test
    void headerUsesStandardNamesAndUcharColoursOnlyWhenByteValued() throws IOException {
        Map<String, float[]> fields = new LinkedHashMap<>();
        fields.put("r", new float[] {0, 255});
        fields.put("g", new float[] {0.5f, 1});
        fields.put("quality", new float[] {7, 8});
        PointCloud p = new PointCloud(new float[] {1, 2, 3, 4, 5, 6}, fields);
        Path f = dir.resolve("h.ply");
        PlyWriter.ascii().write(f, p);
        String text = Files.readString(f, StandardCharsets.US_ASCII);
        assertTrue(text.contains("property uchar red\nproperty float green\nproperty float quality\n"), text);
        assertTrue(text.endsWith("end_header\n1.0 2.0 3.0 0 0.5 7.0\n4.0 5.0 6.0 255 1.0 8.0\n"), text);
        PointCloud back = CloudIO.readPoints(f);
        assertArrayEquals(new float[] {0.5f, 1}, back.field("g"));
        assertArrayEquals(new float[] {0, 255}, back.field("r"));
    }

    @Test
    void binaryLayoutIsPackedLittleEndian() throws IOException {
        Map<String, float[]> fields = new LinkedHashMap<>();
        fields.put("b", new float[] {9, 10});
        PointCloud p = new PointCloud(new float[] {1, 2, 3, 4, 5, 6}, fields);
        Path f = dir.resolve("b.ply");
        PlyWriter.binary().write(f, new Mesh(p, new int[] {0, 1, 1}));
        byte[] all = Files.readAllBytes(f);
        String header = "ply\nformat binary_little_endian 1.0\ncomment written by recon4j\nelement vertex 2\n"
                + "property float x\nproperty float y\nproperty float z\nproperty uchar blue\nelement face 1\n"
                + "property list uchar int vertex_indices\nend_header\n";
        Fixtures.Binary expected = new Fixtures.Binary(true).ascii(header);
        expected.f32(1).f32(2).f32(3).i8(9).f32(4).f32(5).f32(6).i8(10).i8(3).i32(0).i32(1).i32(1);
        assertArrayEquals(expected.toBytes(), all);
    }

    @Test
    void invalidCloudsAreRejectedAndLeaveNoFile() {
        Path f = dir.resolve("bad.ply");
        assertThrows(IllegalArgumentException.class, () -> PlyWriter.ascii().write(f, new PointCloud(new float[0])));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> PlyWriter.binary().write(f, new PointCloud(new float[] {0, 0, 0, 1, Float.NaN, 1})));
        assertTrue(nan.getMessage().contains("point 1"), nan.getMessage());
        IllegalArgumentException space = assertThrows(IllegalArgumentException.class, () -> PlyWriter.ascii()
                .write(f, new PointCloud(new float[] {0, 0, 0}, Map.of("my field", new float[] {1}))));
        assertTrue(space.getMessage().contains("'my field'"), space.getMessage());
        Map<String, float[]> clash = new LinkedHashMap<>();
        clash.put("r", new float[] {1});
        clash.put("red", new float[] {2});
        assertThrows(IllegalArgumentException.class,
                () -> PlyWriter.ascii().write(f, new PointCloud(new float[] {0, 0, 0}, clash)));
        assertThrows(IllegalArgumentException.class, () -> PlyWriter.ascii()
                .write(f, new PointCloud(new float[] {0, 0, 0}, Map.of("x", new float[] {1}))));
        assertFalse(Files.exists(f));
    }

    @Test
    void overwritesAtomicallyWithoutLeavingTemporaryFiles() throws IOException {
        Path f = dir.resolve("same.ply");
        PlyWriter.ascii().write(f, Fixtures.awkwardCloud(10, 4));
        PointCloud second = Fixtures.awkwardCloud(20, 5);
        PlyWriter.binary().write(f, second);
        assertEquals(second, CloudIO.readPoints(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("same.ply"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
    }
}
