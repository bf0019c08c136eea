package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy files as point clouds: NpyReader through CloudIO, and NpyWriter. */
@Tag("fast")
class NpyCloudTest {

    @TempDir
    Path dir;

    private Path write(String name, NpyArray a) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, a);
        return p;
    }

    private static void assertFails(Path p, String... parts) {
        CloudFormatException e = assertThrows(CloudFormatException.class, () -> CloudIO.read(p));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void shapesAndColumnMapping() throws IOException {
        float[] rows3 = {1, 2, 3, 4, 5, 6};
        CloudFile f = CloudIO.read(write("a.npy", NpyArray.of(rows3, 2, 3)));
        assertEquals("npy/float32", f.format());
        assertArrayEquals(rows3, f.points().xyz());
        assertTrue(f.points().fieldNames().isEmpty());

        PointCloud d = CloudIO.readPoints(write("d.npy", NpyArray.of(new double[] {0.1, 0.2, 0.3}, 1, 1, 3)));
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, d.xyz()); // (1, N, 3) squeezed, float64 rounded

        float[] rows6 = {1, 2, 3, 0, 0, 1, 4, 5, 6, 1, 0, 0};
        PointCloud n = CloudIO.readPoints(write("n.npy", NpyArray.of(rows6, 2, 6)));
        assertEquals(List.of("nx", "ny", "nz"), List.copyOf(n.fieldNames()));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, n.xyz());
        assertArrayEquals(new float[] {1, 0}, n.field("nz"));

        PointCloud c = CloudIO.readPoints(write("c.npy", NpyArray.of(new float[] {1, 2, 3, 7, 8}, 1, 5)));
        assertEquals(List.of("c3", "c4"), List.copyOf(c.fieldNames()));
        assertArrayEquals(new float[] {8}, c.field("c4"));
    }

    @Test
    void rejectsNonCloudArrays() throws IOException {
        assertFails(write("batch.npy", NpyArray.of(new float[12], 2, 2, 3)), "found (2, 2, 3)");
        assertFails(write("two.npy", NpyArray.of(new float[4], 2, 2)), "shape (N, 3)", "found (2, 2)");
        assertFails(write("flat.npy", NpyArray.of(new float[3], 3)), "found (3,)");
        assertFails(write("scalar.npy", NpyArray.of(new float[1])), "found ()");
        assertFails(write("int.npy", NpyArray.of(new long[3], 1, 3)), "float32 or float64 array, found INT64");
        assertFails(write("empty.npy", NpyArray.of(new float[0], 0, 3)), "empty cloud");
        float[] nan = {0, 0, 0, 1, 1, 1, 2, Float.NaN, 2};
        assertFails(write("nan.npy", NpyArray.of(nan, 3, 3)), "point 2 has non-finite coordinates", "byte " + (128 + 2 * 12));
        double[] inf = {0, 0, Double.POSITIVE_INFINITY, 0, 0, 0};
        assertFails(write("inf.npy", NpyArray.of(inf, 1, 2, 3)), "point 0 has non-finite", "byte 128");
        Path bad = dir.resolve("bad.npy");
        Files.writeString(bad, "not numpy");
        assertFails(bad, "bad magic");
    }

    @Test
    void writerRoundTripsCoordinatesAndChosenFields() throws IOException {
        Map<String, float[]> fields = new LinkedHashMap<>();
        fields.put("intensity", new float[] {9, 8});
        fields.put("nx", new float[] {1, 0});
        fields.put("ny", new float[] {0, 1});
        fields.put("nz", new float[] {0, 0});
        PointCloud cloud = new PointCloud(new float[] {1, 2, 3, 4, 5, 6}, fields);

        Path xyz = dir.resolve("xyz.npy");
        NpyWriter.write(xyz, cloud);
        NpyArray raw = Npy.read(xyz);
        assertEquals(ScalarType.FLOAT32, raw.dtype());
        assertArrayEquals(new long[] {2, 3}, raw.shape());
        assertEquals(cloud.withoutFields(), CloudIO.readPoints(xyz));

        Path normals = dir.resolve("normals.npy");
        NpyWriter.write(normals, cloud, List.of("nx", "ny", "nz"));
        PointCloud back = CloudIO.readPoints(normals);
        assertEquals(List.of("nx", "ny", "nz"), List.copyOf(back.fieldNames()));
        assertArrayEquals(fields.get("ny"), back.field("ny"));

        Path one = dir.resolve("one.npy");
        NpyWriter.write(one, cloud, List.of("intensity"));
        assertArrayEquals(new float[] {9, 8}, CloudIO.readPoints(one).field("c3")); // other names are not kept

        assertThrows(IllegalArgumentException.class, () -> NpyWriter.write(one, cloud, List.of("curvature")));
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.write(one, new PointCloud(new float[0])));
    }
}
