package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fixture")
class NpyTest {

    @TempDir
    Path dir;

    /** A file with the given version, header dict text and data bytes (header padded like numpy does). */
    private Path npy(String name, int major, String dict, byte[] data) throws IOException {
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) (padded - prefix));
        } else {
            b.putInt(padded - prefix);
        }
        b.put(header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)).put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    private static CloudFormatException fails(Path p, String... parts) {
        CloudFormatException e = assertThrows(CloudFormatException.class, () -> Npy.read(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void roundTripsEveryFactoryType() throws IOException {
        List<NpyArray> arrays = List.of(
                NpyArray.of(new float[] {1.5f, -2, Float.NaN, Float.MIN_VALUE, 7, 8}, 2, 3),
                NpyArray.of(new double[] {Math.PI, -0.0}, 2),
                NpyArray.of(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE, 5}, 2, 1, 2),
                NpyArray.of(new int[] {-1, 2, 3}, 3),
                NpyArray.of(new boolean[] {true, false, false, true}, 2, 2),
                NpyArray.of(new float[] {42.5f}),          // 0-d scalar
                NpyArray.of(new float[0], 0, 3));
        for (NpyArray a : arrays) {
            Path p = dir.resolve("a.npy");
            Npy.write(p, a);
            byte[] bytes = Files.readAllBytes(p);
            int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
            assertEquals(0, (10 + headerLen) % 64, "numpy aligns the data to 64 bytes");
            NpyArray b = Npy.read(p);
            assertEquals(a.dtype(), b.dtype());
            assertArrayEquals(a.shape(), b.shape());
            assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), a.toString());
        }
        assertEquals("(2, 3)", NpyArray.shapeString(new long[] {2, 3}));
        assertEquals("(5,)", NpyArray.shapeString(new long[] {5}));
        assertEquals("()", NpyArray.shapeString(new long[0]));
    }

    @Test
    void readsBigEndianAndVersion2And3AndPython2Headers() throws IOException {
        ByteBuffer be = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        be.putFloat(1.5f).putFloat(-2).putLong(-3);
        byte[] b = be.array();
        NpyArray f = Npy.read(npy("be.npy", 1, dict(">f4", "(2,)"), java.util.Arrays.copyOf(b, 8)));
        assertArrayEquals(new float[] {1.5f, -2}, f.toFloatArray());
        NpyArray l = Npy.read(npy("bel.npy", 2, dict(">i8", "(1,)"), java.util.Arrays.copyOfRange(b, 8, 16)));
        assertArrayEquals(new long[] {-3}, l.toLongArray());

        ByteBuffer le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(3).putFloat(4);
        NpyArray v3 = Npy.read(npy("v3.npy", 3, "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (1, 2)}", le.array()));
        assertArrayEquals(new long[] {1, 2}, v3.shape());
        NpyArray py2 = Npy.read(npy("py2.npy", 1, dict("<f4", "(2L, 1L)"), le.array()));
        assertArrayEquals(new long[] {2, 1}, py2.shape());
        NpyArray u16 = Npy.read(npy("u2.npy", 1, dict("<u2", "(2,)"), new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 0}));
        assertArrayEquals(new long[] {65535, 1}, u16.toLongArray());
        NpyArray i1 = Npy.read(npy("i1.npy", 1, dict("|i1", "(2,)"), new byte[] {-1, 5}));
        assertArrayEquals(new int[] {-1, 5}, i1.toIntArray());
    }

    @Test
    void accessorsConvertOrRefuseClearly() {
        NpyArray f = NpyArray.of(new float[] {1, 2}, 2);
        assertThrows(IllegalStateException.class, f::toLongArray);
        assertThrows(IllegalStateException.class, f::toBooleanArray);
        assertThrows(IllegalStateException.class, () -> f.getLong(0));
        assertEquals(2.0, f.getDouble(1));
        assertThrows(IndexOutOfBoundsException.class, () -> f.getFloat(2));
        NpyArray big = NpyArray.of(new long[] {1L << 40}, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, big::toIntArray);
        assertTrue(e.getMessage().contains("does not fit in an int"));
        NpyArray bool = NpyArray.of(new boolean[] {true, false}, 2);
        assertArrayEquals(new long[] {1, 0}, bool.toLongArray());
        assertArrayEquals(new float[] {1, 0}, bool.toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> NpyArray.of(new float[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> NpyArray.of(new float[1], -1));
    }

    @Test
    void malformedFiles() throws IOException {
        byte[] sixteen = new byte[16];
        Path ok = npy("ok.npy", 1, dict("<f4", "(2, 2)"), sixteen);
        assertEquals(4, Npy.read(ok).size());

        Path notNpy = dir.resolve("magic.npy");
        Files.write(notNpy, "PK\3\4 this is a zip, not an npy".getBytes(StandardCharsets.ISO_8859_1));
        fails(notNpy, "byte 0", "bad magic");
        Path tiny = dir.resolve("tiny.npy");
        Files.write(tiny, new byte[] {(byte) 0x93, 'N', 'U', 'M'});
        fails(tiny, "byte 4", "truncated header", "at least 10");
        byte[] okBytes = Files.readAllBytes(ok);
        Path cutHeader = dir.resolve("cuthdr.npy");
        Files.write(cutHeader, java.util.Arrays.copyOf(okBytes, 40));
        fails(cutHeader, "truncated header", "118 header bytes expected from byte 10, only 30 available");

        fails(npy("c8.npy", 1, dict("<c8", "(2,)"), sixteen), "unsupported dtype '<c8'");
        fails(npy("f2.npy", 1, dict("<f2", "(2,)"), new byte[4]), "unsupported dtype '<f2'");
        fails(npy("obj.npy", 1, dict("|O", "(2,)"), sixteen), "unsupported dtype '|O'");
        fails(npy("bar.npy", 1, dict("|f4", "(2,)"), new byte[8]), "unsupported dtype '|f4'");
        fails(npy("rec.npy", 1, "{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (2,), }",
                sixteen), "structured dtypes are not supported");
        fails(npy("fortran.npy", 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", sixteen),
                "fortran_order True (column-major) is not supported");
        fails(npy("short.npy", 1, dict("<f4", "(2, 3)"), sixteen), "data shorter than the shape says",
                "(2, 3) of <f4 needs 24 bytes from byte 128, only 16 available", "byte 144");
        fails(npy("long.npy", 1, dict("<f4", "(3,)"), sixteen), "byte 140", "4 unexpected bytes after the 12 data bytes");
        fails(npy("keys.npy", 1, "{'descr': '<f4', 'shape': (4,), }", sixteen), "header keys [descr, shape]");
        fails(npy("extra.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'x': 1, }", sixteen),
                "expected exactly descr, fortran_order and shape");
        fails(npy("quote.npy", 1, "{'descr': '<f4, 'fortran_order': False, 'shape': (4,), }", sixteen), "malformed header");
        fails(npy("shape.npy", 1, dict("<f4", "(2, 'a')"), sixteen), "shape entry a is not a non-negative integer");
        fails(npy("neg.npy", 1, dict("<f4", "(-4,)"), sixteen), "shape entry -4 is not a non-negative integer");
        fails(npy("huge.npy", 1, dict("<f4", "(100000, 100000)"), sixteen), "more than 2147483647 elements");
        fails(npy("garbage.npy", 1, "{'descr': '<f4', @}", sixteen), "malformed header");
        byte[] v9 = okBytes.clone();
        v9[6] = 9;
        Path future = dir.resolve("v9.npy");
        Files.write(future, v9);
        fails(future, "byte 6", "unsupported format version 9.0");
    }

    @Test
    void everyTruncationIsAFormatError() throws IOException {
        for (NpyArray a : List.of(NpyArray.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), NpyArray.of(new boolean[] {true}))) {
            byte[] full = Npy.encode(a);
            for (int keep = 0; keep < full.length; keep++) {
                Path p = dir.resolve("cut.npy");
                Files.write(p, java.util.Arrays.copyOf(full, keep));
                try {
                    Npy.read(p);
                    fail("file cut to " + keep + " of " + full.length + " bytes was accepted");
                } catch (CloudFormatException expected) {
                    assertTrue(expected.getMessage().startsWith(p.toString()));
                }
            }
        }
    }

    // ---- the ReCon parity fixtures ----

    private static final Path TINY = Path.of("..", "shared", "fixtures", "recon-parity", "tiny");

    private static NpyArray fixture(String name) throws IOException {
        return Npy.read(TINY.resolve(name + ".npy"));
    }

    @Test
    void readsEveryTinyFixtureWithTheDocumentedDtypeAndShape() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(TINY), TINY + " not present: skipping fixture reading");
        // The table of the fixtures README, section 5.1 (tiny column).
        Map<String, Object[]> table = new java.util.TreeMap<>();
        for (String f : List.of("centers:2,16,3", "concat_feature:2,384", "encoder_out:2,19,96", "blocks_out:2,2,19,96",
                "group_tokens:2,16,96", "gt_points:18,8,3", "img_query_proj:2,768", "input_points:2,256,3", "logits:2,10",
                "neighborhood:2,16,8,3", "pos:2,16,96", "pre_decoder_out:2,9,96", "pre_encoder_out:2,10,96",
                "pre_group_tokens:2,16,96", "rebuild_points:18,8,3", "teacher_img:2,768", "teacher_text:2,512",
                "text_query_proj:2,512", "loss_chamfer_l2:", "loss_img:", "loss_text:", "loss_total:")) {
            table.put(f.split(":")[0], new Object[] {ScalarType.FLOAT32, f.split(":", -1)[1]});
        }
        table.put("fps_idx", new Object[] {ScalarType.INT64, "2,16"});
        table.put("neighborhood_idx_sorted", new Object[] {ScalarType.INT64, "2,16,8"});
        table.put("mask", new Object[] {ScalarType.BOOL, "2,16"});
        List<String> files;
        try (var s = Files.list(TINY)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".npy"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
        assertEquals(List.copyOf(table.keySet()), files);
        for (String name : files) {
            NpyArray a = fixture(name);
            Object[] want = table.get(name);
            assertEquals(want[0], a.dtype(), name);
            long[] shape = ((String) want[1]).isEmpty() ? new long[0]
                    : java.util.Arrays.stream(((String) want[1]).split(",")).mapToLong(Long::parseLong).toArray();
            assertArrayEquals(shape, a.shape(), name);
            if (a.dtype().isFloating()) {
                for (float v : a.toFloatArray()) {
                    assertTrue(Float.isFinite(v), name + " holds a non-finite value");
                }
            }
        }
        assertEquals(1, fixture("loss_total").size());
    }

    @Test
    void fixtureIndicesAndPointsAreConsistent() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(TINY), TINY + " not present: skipping fixture checks");
        int b = 2;
        int n = 256;
        int g = 16;
        int k = 8;
        float[] points = fixture("input_points").toFloatArray();     // (B, N, 3)
        long[] fps = fixture("fps_idx").toLongArray();               // (B, G)
        float[] centers = fixture("centers").toFloatArray();         // (B, G, 3)
        long[] knn = fixture("neighborhood_idx_sorted").toLongArray(); // (B, G, K)
        float[] hood = fixture("neighborhood").toFloatArray();       // (B, G, K, 3)
        boolean[] mask = fixture("mask").toBooleanArray();           // (B, G)
        float[] gt = fixture("gt_points").toFloatArray();            // (B*M, K, 3)
        int row = 0;
        for (int bi = 0; bi < b; bi++) {
            assertEquals(0, fps[bi * g], "FPS starts at point 0");
            int masked = 0;
            for (int gi = 0; gi < g; gi++) {
                long idx = fps[bi * g + gi];
                assertTrue(idx >= 0 && idx < n, "fps index " + idx);
                for (int c = 0; c < 3; c++) {
                    assertEquals(points[(bi * n + (int) idx) * 3 + c], centers[(bi * g + gi) * 3 + c],
                            "centers == input_points[fps_idx] exactly");
                }
                boolean hasCentre = false;
                for (int j = 0; j < k; j++) {
                    int q = bi * g * k + gi * k + j;
                    long p = knn[q];
                    assertTrue(p >= 0 && p < n);
                    if (j > 0) {
                        assertTrue(p > knn[q - 1], "neighbour indices ascend");
                    }
                    hasCentre |= p == idx;
                    for (int c = 0; c < 3; c++) {
                        float want = points[(bi * n + (int) p) * 3 + c] - centers[(bi * g + gi) * 3 + c];
                        assertEquals(want, hood[q * 3 + c], "neighbourhood = point - centre (float32)");
                    }
                }
                assertTrue(hasCentre, "the centre is one of its neighbours");
                if (mask[bi * g + gi]) {
                    masked++;
                    for (int j = 0; j < k * 3; j++) {
                        assertEquals(hood[(bi * g + gi) * k * 3 + j], gt[row * k * 3 + j], "gt_points row " + row);
                    }
                    row++;
                }
            }
            assertEquals(9, masked, "int(0.6 * 16) masked groups per cloud");
        }
        assertEquals(18, row);
        // pc_norm: the farthest point of each cloud lies on the unit sphere.
        for (int bi = 0; bi < b; bi++) {
            double max = 0;
            for (int i = 0; i < n; i++) {
                int o = (bi * n + i) * 3;
                max = Math.max(max, Math.sqrt(points[o] * points[o] + points[o + 1] * points[o + 1] + points[o + 2] * points[o + 2]));
            }
            assertEquals(1.0, max, 1e-5);
        }
    }
}
