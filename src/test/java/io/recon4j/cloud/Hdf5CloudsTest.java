package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class Hdf5CloudsTest {

    @TempDir
    Path dir;

    private static final int M = 3;
    private static final int N = 4;

    /** float[M][N][3] with point (m, n) = (10 m + n, 10 m + n + 0.25, 10 m + n + 0.5). */
    private static float[][][] data3() {
        float[][][] d = new float[M][N][3];
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < 3; c++) {
                    d[m][n][c] = 10 * m + n + 0.25f * c;
                }
            }
        }
        return d;
    }

    private static float[] expectedXyz(int m, int n) {
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                xyz[3 * i + c] = 10 * m + i + 0.25f * c;
            }
        }
        return xyz;
    }

    private Path h5(String name, Consumer<WritableHdfFile> body) {
        Path p = dir.resolve(name);
        try (WritableHdfFile w = HdfFile.write(p)) {
            body.accept(w);
        }
        return p;
    }

    private static Path resource(String name) {
        try {
            return Path.of(Hdf5CloudsTest.class.getResource("h5/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertFails(Path p, Hdf5Clouds.Keys keys, String... parts) {
        CloudFormatException e = assertThrows(CloudFormatException.class, () -> Hdf5Clouds.read(p, keys));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void readsFloat32AndFloat64DataWithEveryWritableLabelType() throws IOException {
        double[][][] d64 = new double[M][N][3];
        float[][][] d32 = data3();
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < 3; c++) {
                    d64[m][n][c] = d32[m][n][c];
                }
            }
        }
        Map<String, Object> labelArrays = Map.of(
                "int8 (M,)", new byte[] {1, 2, 3},
                "int8 (M,1)", new byte[][] {{1}, {2}, {3}},
                "int16 (M,)", new short[] {1, 2, 3},
                "int32 (M,1)", new int[][] {{1}, {2}, {3}},
                "int64 (M,)", new long[] {1, 2, 3},
                "int64 (M,1)", new long[][] {{1}, {2}, {3}});
        int i = 0;
        for (Map.Entry<String, Object> labels : labelArrays.entrySet()) {
            for (Object data : List.of(d32, d64)) {
                Path p = h5("f" + i++ + ".h5", w -> {
                    w.putDataset("data", data);
                    w.putDataset("label", labels.getValue());
                });
                Hdf5Clouds.Content content = Hdf5Clouds.read(p);
                assertEquals(M, content.clouds().size());
                assertArrayEquals(new int[] {1, 2, 3}, content.labels(), labels.getKey());
                for (int m = 0; m < M; m++) {
                    assertArrayEquals(expectedXyz(m, N), content.clouds().get(m).xyz(), labels.getKey() + " cloud " + m);
                    assertTrue(content.clouds().get(m).fieldNames().isEmpty());
                }
            }
        }
    }

    @Test
    void extraColumnsNormalsAndNestedKeys() throws IOException {
        float[][][] six = new float[1][2][6];
        six[0][0] = new float[] {1, 2, 3, 0, 0, 1};
        six[0][1] = new float[] {4, 5, 6, 1, 0, 0};
        Path p = h5("six.h5", w -> {
            WritableGroup g = w.putGroup("scan");
            g.putDataset("points", six);
            g.putDataset("cls", new int[] {7});
        });
        Hdf5Clouds.Content c = Hdf5Clouds.read(p, new Hdf5Clouds.Keys("scan/points", "scan/cls", null));
        PointCloud cloud = c.clouds().get(0);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, cloud.xyz());
        assertEquals(List.of("nx", "ny", "nz"), List.copyOf(cloud.fieldNames()));
        assertArrayEquals(new float[] {1, 0}, cloud.field("nz"));
        assertArrayEquals(new int[] {7}, c.labels());
        assertFails(p, Hdf5Clouds.Keys.DEFAULT, "dataset 'data'", "missing", "the file has datasets [scan/cls, scan/points]");
        assertFails(p, new Hdf5Clouds.Keys("scan", "scan/cls", null), "dataset 'scan'", "is a group, not a dataset");
    }

    @Test
    void pointNetStyleFileWrittenByH5py() throws IOException {
        Path p = resource("pointnet_style.h5");
        Hdf5Clouds.Content plain = Hdf5Clouds.read(p);
        assertArrayEquals(new int[] {0, 5, 255, 39}, plain.labels(), "uint8 (M, 1) labels, 255 stays 255");
        assertEquals(4, plain.clouds().size());
        for (int m = 0; m < 4; m++) {
            assertArrayEquals(expectedXyz(m, 16), plain.clouds().get(m).xyz());
            assertTrue(plain.clouds().get(m).fieldNames().isEmpty());
        }
        Hdf5Clouds.Content withNormals = Hdf5Clouds.read(p, Hdf5Clouds.Keys.WITH_NORMALS);
        PointCloud c = withNormals.clouds().get(2);
        assertEquals(List.of("nx", "ny", "nz"), List.copyOf(c.fieldNames()));
        for (int n = 0; n < 16; n++) {
            assertEquals(n % 3 == 0 ? 1f : 0f, c.field("nx")[n]);
            assertEquals(n % 3 == 2 ? 1f : 0f, c.field("nz")[n]);
        }
    }

    @Test
    void scanObjectNnStyleFileWrittenByH5py() throws IOException {
        Hdf5Clouds.Content c = Hdf5Clouds.read(resource("scanobjectnn_style.h5"));
        assertArrayEquals(new int[] {3, 14, 0, 7}, c.labels());
        assertArrayEquals(expectedXyz(3, 16), c.clouds().get(3).xyz());
    }

    @Test
    void malformedContent() throws IOException {
        Hdf5Clouds.Keys keys = Hdf5Clouds.Keys.DEFAULT;
        assertFails(h5("nolabel.h5", w -> w.putDataset("data", data3())), keys,
                "dataset 'label'", "missing", "the file has datasets [data]");
        assertFails(h5("rank.h5", w -> {
            w.putDataset("data", new float[][] {{1, 2, 3}});
            w.putDataset("label", new int[] {1});
        }), keys, "dataset 'data'", "shape [1, 3], expected (M, N, C) with C >= 3");
        assertFails(h5("c2.h5", w -> {
            w.putDataset("data", new float[1][2][2]);
            w.putDataset("label", new int[] {1});
        }), keys, "shape [1, 2, 2]");
        assertFails(h5("count.h5", w -> {
            w.putDataset("data", data3());
            w.putDataset("label", new int[] {1, 2});
        }), keys, "dataset 'label'", "label count mismatch: 2 labels for 3 clouds");
        assertFails(h5("lrank.h5", w -> {
            w.putDataset("data", data3());
            w.putDataset("label", new int[][] {{1, 1}, {2, 2}, {3, 3}});
        }), keys, "dataset 'label'", "shape [3, 2], expected (M,) or (M, 1)");
        assertFails(h5("flabel.h5", w -> {
            w.putDataset("data", data3());
            w.putDataset("label", new float[] {1, 2, 3});
        }), keys, "dataset 'label'", "expected an integer type");
        assertFails(h5("ilabel.h5", w -> {
            w.putDataset("data", data3());
            w.putDataset("label", new long[] {1, 1L << 40, 3});
        }), keys, "label 1 = 1099511627776 does not fit in an int");
        assertFails(h5("idata.h5", w -> {
            w.putDataset("data", new int[1][2][3]);
            w.putDataset("label", new int[] {1});
        }), keys, "dataset 'data'", "expected float32 or float64");
        float[][][] nan = data3();
        nan[2][1][1] = Float.NaN;
        assertFails(h5("nan.h5", w -> {
            w.putDataset("data", nan);
            w.putDataset("label", new int[] {1, 2, 3});
        }), keys, "dataset 'data', cloud 2", "point 1 has non-finite coordinates");
        assertFails(resource("empty.h5"), keys, "dataset 'data'", "empty cloud: shape [0, 16, 3]");
        assertFails(h5("normals.h5", w -> {
            w.putDataset("data", data3());
            w.putDataset("label", new int[] {1, 2, 3});
            w.putDataset("normal", new float[M][N - 1][3]);
        }), Hdf5Clouds.Keys.WITH_NORMALS, "dataset 'normal'", "expected [3, 4, 3] to match 'data'");

        Path text = dir.resolve("text.h5");
        Files.writeString(text, "this is not HDF5");
        assertFails(text, keys, "not a readable HDF5 file");
        Path truncated = dir.resolve("cut.h5");
        byte[] whole = Files.readAllBytes(resource("pointnet_style.h5"));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThrows(CloudFormatException.class, () -> Hdf5Clouds.read(truncated));
        assertThrows(NoSuchFileException.class, () -> Hdf5Clouds.read(dir.resolve("absent.h5")));
    }
}
