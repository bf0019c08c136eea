package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class PcdReaderTest {

    @TempDir
    Path dir;

    private static final String XYZ_HEADER = "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\n"
            + "WIDTH 2\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS 2\n";

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path file(String name, String header, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        return file(name, out.toByteArray());
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = le(4 * v.length);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static CloudFormatException fails(Path p) {
        return fails(p, new PcdReader());
    }

    private static CloudFormatException fails(Path p, PcdReader reader) {
        CloudFormatException e = assertThrows(CloudFormatException.class, () -> reader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        return e;
    }

    private static void assertContains(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    // ---- valid files ----

    @Test
    void asciiWithCommentsCrlfLowercaseAndMissingOptionalLines() throws IOException {
        String text = "# written by hand\r\n\r\nversion .7\r\nfields   x\ty  z\r\nsize 4 4 4\r\ntype f f f\r\n"
                + "  # a comment inside the header\r\nwidth 3\r\npoints 3\r\ndata ascii\r\n"
                + "1 2 3\r\n  -4.5\t5e-3   6  \r\n\r\nnan 0 inf\r\n";
        Path p = file("a.pcd", text.getBytes(StandardCharsets.US_ASCII));
        CloudFormatException e = fails(p);
        assertContains(e, "line 14", "point 2 has non-finite coordinates");

        Path ok = file("b.pcd", text.replace("nan 0 inf", "7 8 9").getBytes(StandardCharsets.US_ASCII));
        CloudFile cf = new PcdReader().read(ok);
        assertEquals("pcd/ascii", cf.format());
        assertArrayEquals(new float[] {1, 2, 3, -4.5f, 5e-3f, 6, 7, 8, 9}, cf.points().xyz());
        assertTrue(cf.points().fieldNames().isEmpty());
    }

    @Test
    void binaryAllScalarTypesInAnyFieldOrder() throws IOException {
        String header = "VERSION 0.7\nFIELDS i1 y u1 i2 u2 x i4 u4 i8 u8 z d\nSIZE 1 8 1 2 2 4 4 4 8 8 4 8\n"
                + "TYPE I F U I U F I U I U F F\nWIDTH 2\nDATA binary\n";
        int recordBytes = 1 + 8 + 1 + 2 + 2 + 4 + 4 + 4 + 8 + 8 + 4 + 8;
        ByteBuffer b = le(2 * recordBytes);
        // Point 0: extreme values of each type; point 1: small ones.
        b.put((byte) -128).putDouble(2.5).put((byte) 0xFF).putShort((short) -32768).putShort((short) 0xFFFF).putFloat(1.25f)
                .putInt(Integer.MIN_VALUE).putInt(0xFFFFFFFF).putLong(-5_000_000_000L).putLong(-1L).putFloat(-3f).putDouble(1e-3);
        b.put((byte) 7).putDouble(-1).put((byte) 1).putShort((short) 300).putShort((short) 2).putFloat(0)
                .putInt(42).putInt(3).putLong(9).putLong(10).putFloat(0.5f).putDouble(-2);
        PointCloud c = new PcdReader().read(file("t.pcd", header, b.array())).points();
        assertArrayEquals(new float[] {1.25f, 2.5f, -3f, 0, -1, 0.5f}, c.xyz());
        assertEquals(List.of("i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "d"), List.copyOf(c.fieldNames()));
        assertArrayEquals(new float[] {-128, 7}, c.field("i1"));
        assertArrayEquals(new float[] {255, 1}, c.field("u1"));
        assertArrayEquals(new float[] {-32768, 300}, c.field("i2"));
        assertArrayEquals(new float[] {65535, 2}, c.field("u2"));
        assertArrayEquals(new float[] {(float) Integer.MIN_VALUE, 42}, c.field("i4"));
        assertArrayEquals(new float[] {4294967295f, 3}, c.field("u4"));
        assertArrayEquals(new float[] {-5e9f, 9}, c.field("i8"));
        assertArrayEquals(new float[] {18446744073709551615f, 10}, c.field("u8"));
        assertArrayEquals(new float[] {1e-3f, -2}, c.field("d"));
    }

    @Test
    void paddingNormalsCurvatureCountAndColour() throws IOException {
        // The layout of PCL's PointXYZRGBNormal: x y z _ rgb normal_x normal_y normal_z _ curvature, plus a histogram.
        String header = "FIELDS x y z _ rgb normal_x normal_y normal_z _ curvature hist\n"
                + "SIZE 4 4 4 1 4 4 4 4 4 4 2\nTYPE F F F U F F F F F F U\nCOUNT 1 1 1 4 1 1 1 1 1 1 3\n"
                + "WIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA binary\n";
        ByteBuffer b = le(12 + 4 + 4 + 12 + 4 + 4 + 6);
        b.putFloat(1).putFloat(2).putFloat(3).putInt(0xDEADBEEF)
                .putInt(0xFF102030) // packed colour bits stored in a float field
                .putFloat(0).putFloat(0.6f).putFloat(0.8f).putFloat(Float.NaN).putFloat(0.25f)
                .putShort((short) 1).putShort((short) 2).putShort((short) 65535);
        PointCloud c = new PcdReader().read(file("n.pcd", header, b.array())).points();
        assertArrayEquals(new float[] {1, 2, 3}, c.xyz());
        assertEquals(List.of("r", "g", "b", "nx", "ny", "nz", "curvature", "hist_0", "hist_1", "hist_2"),
                List.copyOf(c.fieldNames()));
        assertArrayEquals(new float[] {0x10}, c.field("r"));
        assertArrayEquals(new float[] {0x20}, c.field("g"));
        assertArrayEquals(new float[] {0x30}, c.field("b"));
        assertArrayEquals(new float[] {0.6f}, c.field("ny"));
        assertArrayEquals(new float[] {0.25f}, c.field("curvature"));
        assertArrayEquals(new float[] {65535}, c.field("hist_2"));
    }

    @Test
    void rgbAndRgbaTogetherCollide() throws IOException {
        String header = "FIELDS x y z rgb rgba\nSIZE 4 4 4 4 4\nTYPE F F F F U\nWIDTH 1\nDATA ascii\n0 0 0 1 2\n";
        assertContains(fails(file("c.pcd", header.getBytes(StandardCharsets.US_ASCII))), "'rgba' maps to 'r'");
    }

    @Test
    void asciiPackedColourFollowsItsType() throws IOException {
        // PCL's ASCII writer declares rgb as U and prints the bits as an integer; older files have TYPE F floats.
        String header = "FIELDS x y z rgb\nSIZE 4 4 4 4\nTYPE F F F U\nWIDTH 1\nDATA ascii\n";
        PointCloud u = new PcdReader().read(file("u.pcd", header + "0 0 0 " + 0x00FF8001 + "\n")).points();
        assertArrayEquals(new float[] {0xFF, 0x80, 0x01}, new float[] {u.field("r")[0], u.field("g")[0], u.field("b")[0]});

        String asFloat = header.replace("TYPE F F F U", "TYPE F F F F");
        PointCloud f = new PcdReader().read(file("f.pcd", asFloat + "0 0 0 " + Float.intBitsToFloat(0x4B0A0B0C) + "\n")).points();
        assertArrayEquals(new float[] {0x0A, 0x0B, 0x0C}, new float[] {f.field("r")[0], f.field("g")[0], f.field("b")[0]});

        String rgba = "FIELDS x y z rgba\nSIZE 4 4 4 4\nTYPE F F F U\nWIDTH 1\nDATA ascii\n0 0 0 "
                + Integer.toUnsignedString(0x80402010) + "\n";
        PointCloud d = new PcdReader().read(file("d.pcd", rgba)).points();
        assertEquals(List.of("r", "g", "b", "a"), List.copyOf(d.fieldNames()));
        assertArrayEquals(new float[] {0x40, 0x20, 0x10, 0x80},
                new float[] {d.field("r")[0], d.field("g")[0], d.field("b")[0], d.field("a")[0]});

        assertContains(fails(file("bad.pcd", header + "0 0 0 4294967296\n")), "line 6", "not a packed colour of TYPE UINT32");
    }

    @Test
    void organisedCloudWithNanPixels() throws IOException {
        String header = "VERSION 0.7\nFIELDS x y z intensity\nSIZE 4 4 4 4\nTYPE F F F F\nCOUNT 1 1 1 1\n"
                + "WIDTH 3\nHEIGHT 2\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS 6\nDATA binary\n";
        float nan = Float.NaN;
        byte[] body = floats(0, 0, 1, 10, nan, nan, nan, 11, 1, 0, 1, 12,
                0, 1, 1, 13, 1, 1, Float.POSITIVE_INFINITY, 14, 2, 2, 2, nan);
        Path p = file("o.pcd", header, body);
        int dataStart = header.length();
        CloudFormatException e = fails(p);
        assertContains(e, "byte " + (dataStart + 16), "point 1 has non-finite", "DROP_NON_FINITE");

        PcdReader.Result r = new PcdReader(PcdReader.Options.DROP_NON_FINITE).readWithDetails(p);
        assertEquals(3, r.width());
        assertEquals(2, r.height());
        assertEquals(2, r.droppedNonFinite());
        PointCloud c = r.file().points();
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 1, 0, 1, 1, 2, 2, 2}, c.xyz());
        // NaN in an extra field is kept: only coordinates are checked.
        assertArrayEquals(new float[] {10, 12, 13, nan}, c.field("intensity"));
    }

    @Test
    void allPointsNonFiniteIsAnEmptyCloud() throws IOException {
        Path p = file("nan.pcd", XYZ_HEADER + "DATA ascii\n", "nan nan nan\n1 inf 2\n".getBytes(StandardCharsets.US_ASCII));
        CloudFormatException e = fails(p, new PcdReader(PcdReader.Options.DROP_NON_FINITE));
        assertContains(e, "empty cloud", "all 2 points");
    }

    @Test
    void binaryCompressedIsFieldMajorWithoutPadding() throws IOException {
        // 2 points; fields x y z, padding, a COUNT-2 U1 field, then a U2 field.
        String header = "FIELDS x y z _ pair w\nSIZE 4 4 4 1 1 4\nTYPE F F F U U U\nCOUNT 1 1 1 3 2 1\n"
                + "WIDTH 2\nHEIGHT 1\nPOINTS 2\nDATA binary_compressed\n";
        ByteBuffer soa = le(2 * (12 + 2 + 4));
        soa.putFloat(1).putFloat(4);          // all x
        soa.putFloat(2).putFloat(5);          // all y
        soa.putFloat(3).putFloat(6);          // all z
        soa.put((byte) 10).put((byte) 11).put((byte) 20).put((byte) 21); // pair: point 0's two values, then point 1's
        soa.putInt(7).putInt(8);
        byte[] raw = soa.array();
        // Literal runs only (control byte = run length - 1): valid liblzf data independent of any encoder.
        ByteArrayOutputStream lzf = new ByteArrayOutputStream();
        lzf.write(31);
        lzf.write(raw, 0, 32);
        lzf.write(raw.length - 32 - 1);
        lzf.write(raw, 32, raw.length - 32);
        ByteBuffer body = le(8 + lzf.size());
        body.putInt(lzf.size()).putInt(raw.length).put(lzf.toByteArray());
        CloudFile cf = new PcdReader().read(file("z.pcd", header, body.array()));
        assertEquals("pcd/binary_compressed", cf.format());
        PointCloud c = cf.points();
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.xyz());
        assertArrayEquals(new float[] {10, 20}, c.field("pair_0"));
        assertArrayEquals(new float[] {11, 21}, c.field("pair_1"));
        assertArrayEquals(new float[] {7, 8}, c.field("w"));
    }

    @Test
    void binaryCompressedWithBackReferences() throws IOException {
        // liblzf back-reference: ctrl = (len - 2) << 5 | offset >> 8, then offset & 255 (offset counted from 1).
        byte[] lzf = {3, 0, 0, (byte) 0x80, 0x3F, // literal run of 4 bytes: 1.0f
            (byte) ((4 - 2) << 5), 3,             // copy 4 bytes from 4 back: 1.0f again
            (byte) (7 << 5), (byte) (16 - 9), 7}; // long copy of 16 bytes from 8 back: four more 1.0f
        ByteBuffer body = le(8 + lzf.length);
        body.putInt(lzf.length).putInt(24).put(lzf);
        String header = XYZ_HEADER + "DATA binary_compressed\n";
        PointCloud c = new PcdReader().read(file("r.pcd", header, body.array())).points();
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, c.xyz());
    }

    @Test
    void version05ColumnsAndNoCount() throws IOException {
        String header = "VERSION .5\nCOLUMNS x y z\nSIZE 4 4 4\nTYPE F F F\nPOINTS 2\nDATA binary\n";
        PointCloud c = new PcdReader().read(file("v5.pcd", header, floats(1, 2, 3, 4, 5, 6))).points();
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.xyz());
    }

    @Test
    void readsThroughCloudIo() throws IOException {
        Path p = file("io.pcd", XYZ_HEADER + "DATA binary\n", floats(1, 2, 3, 4, 5, 6));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, CloudIO.readPoints(p).xyz());
    }

    // ---- malformed files ----

    @Test
    void truncatedBinaryNamesExpectedAndAvailableBytes() throws IOException {
        String header = XYZ_HEADER + "DATA binary\n";
        byte[] full = floats(1, 2, 3, 4, 5, 6);
        for (int keep : new int[] {0, 1, 12, 23}) {
            Path p = file("t" + keep + ".pcd", header, java.util.Arrays.copyOf(full, keep));
            CloudFormatException e = fails(p);
            assertContains(e, "truncated binary data", "24 bytes expected from byte " + header.length(),
                    "only " + keep + " available", "byte " + (header.length() + keep));
        }
    }

    @Test
    void truncatedCompressedData() throws IOException {
        String header = XYZ_HEADER + "DATA binary_compressed\n";
        byte[] raw = floats(1, 2, 3, 4, 5, 6);
        byte[] lzf = Lzf.compress(raw);
        ByteBuffer body = le(8 + lzf.length);
        body.putInt(lzf.length).putInt(raw.length).put(lzf);
        byte[] full = body.array();
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, // field-major: all x, then all y, then all z
                new PcdReader().read(file("ok.pcd", header, full)).points().xyz());
        for (int keep : new int[] {0, 5}) {
            CloudFormatException e = fails(file("s" + keep + ".pcd", header, java.util.Arrays.copyOf(full, keep)));
            assertContains(e, "expected 8 bytes of sizes", "only " + keep + " available");
        }
        CloudFormatException e = fails(file("p.pcd", header, java.util.Arrays.copyOf(full, full.length - 1)));
        assertContains(e, lzf.length + " compressed bytes expected from byte " + (header.length() + 8),
                "only " + (lzf.length - 1) + " available");
    }

    @Test
    void compressedSizeMismatchAndCorruptStream() throws IOException {
        String header = XYZ_HEADER + "DATA binary_compressed\n";
        byte[] lzf = Lzf.compress(floats(1, 2, 3, 4, 5, 6));
        ByteBuffer wrongSize = le(8 + lzf.length);
        wrongSize.putInt(lzf.length).putInt(20).put(lzf);
        assertContains(fails(file("m.pcd", header, wrongSize.array())), "compressed size mismatch", "uncompressed size 20",
                "need 24 bytes");

        ByteBuffer zero = le(8);
        zero.putInt(0).putInt(24);
        assertContains(fails(file("z.pcd", header, zero.array())), "compressed size 0");

        // A back-reference before the start of the output.
        byte[] corrupt = {(byte) 0xE0, 0, 5, 0};
        ByteBuffer bad = le(8 + corrupt.length);
        bad.putInt(corrupt.length).putInt(24).put(corrupt);
        assertContains(fails(file("c.pcd", header, bad.array())), "corrupt LZF data", "byte " + (header.length() + 8));

        // A stream that stops early: a literal run announcing 32 bytes with only 3 present.
        byte[] shortRun = {31, 1, 2, 3};
        ByteBuffer sr = le(8 + shortRun.length);
        sr.putInt(shortRun.length).putInt(24).put(shortRun);
        assertContains(fails(file("sr.pcd", header, sr.array())), "corrupt LZF data");
    }

    @Test
    void headerErrors() throws IOException {
        String fields = "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\n";
        record Case(String header, String... expected) { }
        List<Case> cases = List.of(
                new Case(fields + "WIDTH 3\nHEIGHT 1\nPOINTS 2\nDATA ascii\n", "line 6", "POINTS 2 does not match WIDTH x HEIGHT = 3 x 1 = 3"),
                new Case(fields + "WIDTH 2\nDATA binary_lz4\n", "line 5", "unknown DATA type 'binary_lz4'"),
                new Case(fields + "WIDTH 0\nDATA ascii\n", "line 4", "empty cloud"),
                new Case(fields + "POINTS 0\nDATA binary\n", "empty cloud"),
                new Case("FIELDS x y\nSIZE 4 4\nTYPE F F\nWIDTH 1\nDATA ascii\n", "lacks 'z'"),
                new Case("FIELDS x y z\nSIZE 4 4\nTYPE F F F\nWIDTH 1\nDATA ascii\n", "line 2", "SIZE has 2 entries but FIELDS has 3"),
                new Case("FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 2 1 1\nWIDTH 1\nDATA ascii\n", "line 4", "'x' has COUNT 2, expected 1"),
                new Case("FIELDS x y z\nSIZE 4 4 2\nTYPE F F F\nWIDTH 1\nDATA ascii\n", "line 3", "unsupported TYPE/SIZE F/2"),
                new Case("FIELDS x y z w\nSIZE 4 4 4 3\nTYPE F F F U\nWIDTH 1\nDATA ascii\n", "unsupported TYPE/SIZE U/3"),
                new Case("FIELDS x y z w\nSIZE 4 4 4 4\nTYPE F F F Q\nWIDTH 1\nDATA ascii\n", "unsupported TYPE/SIZE Q/4"),
                new Case("FIELDS x y z x\nSIZE 4 4 4 4\nTYPE F F F F\nWIDTH 1\nDATA ascii\n", "field 'x' is listed twice"),
                new Case("FIELDS x y z normal_x nx\nSIZE 4 4 4 4 4\nTYPE F F F F F\nWIDTH 1\nDATA ascii\n", "'nx' maps to 'nx'"),
                new Case(fields + "WIDTH 1\nWIDTH 1\nDATA ascii\n", "line 5", "duplicate WIDTH line (first on line 4)"),
                new Case(fields + "WIDTH two\nDATA ascii\n", "line 4", "WIDTH value 'two' is not an integer"),
                new Case(fields + "WIDTH -1\nDATA ascii\n", "WIDTH value -1 is below the minimum 0"),
                new Case(fields + "DATA ascii\n", "line 4", "neither WIDTH nor POINTS"),
                new Case(fields + "WIDTH 1\nVIEWPOINT 0 0 0 1 0 0\nDATA ascii\n", "VIEWPOINT has 6 values, expected 7"),
                new Case(fields + "WIDTH 1\n", "line 5", "header ends without a DATA line"),
                new Case("SIZE 4 4 4\nTYPE F F F\nWIDTH 1\nDATA ascii\n", "header lacks a FIELDS line"),
                new Case("ply\nformat ascii 1.0\n", "line 1", "unexpected header line 'ply'"),
                new Case("", "empty file"),
                new Case(fields + "WIDTH 3000000000\nHEIGHT 1\nDATA binary\n", "exceed the supported maximum"));
        int i = 0;
        for (Case c : cases) {
            Path p = file("h" + i++ + ".pcd", c.header().getBytes(StandardCharsets.US_ASCII));
            assertContains(fails(p), c.expected());
        }
    }

    @Test
    void asciiBodyErrors() throws IOException {
        String header = XYZ_HEADER + "DATA ascii\n"; // DATA is line 10
        record Case(String body, String... expected) { }
        List<Case> cases = List.of(
                new Case("1 2 3\n4 five 6\n", "line 12", "value 2 ('five') of field 'y' is not a valid FLOAT32 number"),
                new Case("1 2 3\n4 55\n", "line 12", "found 2 values, expected 3 (x y z)"),
                new Case("1 2 3 4\n4 5 6\n", "line 11", "found 4 values, expected 3"),
                new Case("1 2 3\n\n\n\n\n\n", "line 17", "truncated ascii data: the file ends after 1 of 2 points"),
                new Case("1 2 3\n4 5 6\n7 8 9\n", "line 13", "unexpected data after the 2 points"),
                new Case("1 2 3\n4 5 0x10\n", "line 12", "'0x10'"),
                new Case("1 2 3\n4 5 1.5f\n", "line 12", "'1.5f'"),
                new Case("1 2 3\n-inf 5 6\n", "line 12", "point 1 has non-finite coordinates"),
                new Case("1 2\n", "truncated ascii data", "need at least 11 bytes"));
        int i = 0;
        for (Case c : cases) {
            Path p = file("b" + i++ + ".pcd", header, c.body().getBytes(StandardCharsets.US_ASCII));
            assertContains(fails(p), c.expected());
        }
        String u1 = "FIELDS x y z k\nSIZE 4 4 4 1\nTYPE F F F U\nWIDTH 1\nDATA ascii\n0 0 0 300\n";
        assertContains(fails(file("u1.pcd", u1.getBytes(StandardCharsets.US_ASCII))), "line 6", "300 is outside the range of UINT8");
        String i2 = "FIELDS x y z k\nSIZE 4 4 4 2\nTYPE F F F I\nWIDTH 1\nDATA ascii\n0 0 0 1.5\n";
        assertContains(fails(file("i2.pcd", i2.getBytes(StandardCharsets.US_ASCII))), "'1.5') of field 'k' is not a valid INT16");
    }

    /** Every prefix of a binary file and of a compressed file is rejected with a CloudFormatException. */
    @Test
    void everyTruncationIsAFormatError() throws IOException {
        PointCloud cloud = new PointCloud(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9},
                java.util.Map.of("intensity", new float[] {1, 1, 1}));
        for (PcdWriter.Encoding enc : List.of(PcdWriter.Encoding.BINARY, PcdWriter.Encoding.BINARY_COMPRESSED)) {
            byte[] full = PcdWriter.encode(cloud, enc);
            for (int keep = 0; keep < full.length; keep++) {
                Path p = file("cut.pcd", java.util.Arrays.copyOf(full, keep));
                try {
                    new PcdReader().read(p);
                    fail(enc + " file cut to " + keep + " of " + full.length + " bytes was accepted");
                } catch (CloudFormatException expected) {
                    assertTrue(expected.getMessage().contains("cut.pcd"));
                }
            }
        }
        // ASCII can be cut inside the last number and stay valid; then it must still hold the whole cloud.
        byte[] ascii = PcdWriter.encode(cloud, PcdWriter.Encoding.ASCII);
        int accepted = 0;
        for (int keep = 0; keep < ascii.length; keep++) {
            Path p = file("cut.pcd", java.util.Arrays.copyOf(ascii, keep));
            PointCloud read;
            try {
                read = new PcdReader().read(p).points();
            } catch (CloudFormatException expected) {
                assertTrue(expected.getMessage().contains("cut.pcd"), expected.getMessage());
                continue;
            }
            accepted++;
            assertEquals(cloud, read, "ASCII file cut to " + keep + " of " + ascii.length + " bytes parsed wrongly");
        }
        // Only cuts after the last digit (trailing newline) or inside a trailing fraction may pass.
        assertTrue(accepted >= 1 && accepted <= 3, "accepted cuts: " + accepted);
    }

    /**
     * Random byte corruption never escapes as anything but a CloudFormatException, and what is accepted is right:
     * finite points only (DROP_NON_FINITE), never more than the header's count, and for corruption confined to an
     * uncompressed binary body exactly the decoded bytes minus the non-finite points.
     */
    @Test
    void corruptedBytesNeverEscapeAsRuntimeExceptions() throws IOException {
        java.util.Random rnd = new java.util.Random(7);
        float[] xyz = new float[3 * 50];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = rnd.nextInt(8) * 0.5f;
        }
        PointCloud cloud = new PointCloud(xyz);
        int bodyChecks = 0;
        for (PcdWriter.Encoding enc : PcdWriter.Encoding.values()) {
            byte[] full = PcdWriter.encode(cloud, enc);
            int bodyStart = full.length - (enc == PcdWriter.Encoding.BINARY ? xyz.length * 4 : 0);
            for (int trial = 0; trial < 300; trial++) {
                byte[] bad = full.clone();
                boolean bodyOnly = enc == PcdWriter.Encoding.BINARY;
                for (int k = 0; k < 3; k++) {
                    int at = rnd.nextInt(bad.length);
                    bad[at] = (byte) rnd.nextInt(256);
                    bodyOnly &= at >= bodyStart;
                }
                Path p = file("bad.pcd", bad);
                PointCloud read;
                try {
                    read = new PcdReader(PcdReader.Options.DROP_NON_FINITE).read(p).points();
                } catch (CloudFormatException expected) {
                    assertTrue(!bodyOnly, enc + " trial " + trial + ": body corruption rejected: " + expected.getMessage());
                    continue;
                }
                assertTrue(read.size() <= 50, enc + " trial " + trial + ": " + read.size() + " points");
                for (float f : read.xyz()) {
                    assertTrue(Float.isFinite(f), enc + " trial " + trial + ": non-finite value kept");
                }
                if (bodyOnly) {
                    bodyChecks++;
                    assertEquals(finitePoints(bad, bodyStart, 50), read, "binary body decoded wrongly, trial " + trial);
                }
            }
        }
        assertTrue(bodyChecks > 50, "too few body-only trials: " + bodyChecks);
    }

    /** Reference decoding of a little-endian float xyz body, dropping points with a non-finite coordinate. */
    private static PointCloud finitePoints(byte[] bytes, int start, int count) {
        ByteBuffer body = ByteBuffer.wrap(bytes, start, count * 12).order(ByteOrder.LITTLE_ENDIAN);
        float[] kept = new float[count * 3];
        int n = 0;
        for (int i = 0; i < count; i++) {
            float x = body.getFloat();
            float y = body.getFloat();
            float z = body.getFloat();
            if (Float.isFinite(x) && Float.isFinite(y) && Float.isFinite(z)) {
                kept[n++] = x;
                kept[n++] = y;
                kept[n++] = z;
            }
        }
        return new PointCloud(java.util.Arrays.copyOf(kept, n));
    }
}
