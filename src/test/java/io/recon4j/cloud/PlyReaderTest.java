package io.recon4j.cloud;

import static io.recon4j.cloud.Fixtures.failsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("fast")
class PlyReaderTest {

    @TempDir
    Path dir;

    private static final float[] QUAD_XYZ = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0.5f, 0.5f, 1};

    @Test
    void meshLabAsciiWithCommentsCrlfAndOddWhitespace() throws IOException {
        Path f = Fixtures.lines(dir, "meshlab.ply", "\r\n",
                "ply",
                "format ascii 1.0",
                "comment VCGLIB generated",
                "obj_info some info with   spaces",
                "element vertex 5",
                "property float x",
                "property \tfloat   y",
                "  property float z  ",
                "property float nx",
                "property float ny",
                "property float nz",
                "property uchar red",
                "property uchar green",
                "property uchar blue",
                "property uchar alpha",
                "property float quality",
                "element face 2",
                "property list uchar int vertex_indices",
                "end_header",
                "0 0 0 0 0 1 255 0 0 255 0.5",
                "1 0 0\t0 0 1 0 255 0 255 1.5",
                "  1 1 0 0 0 1 0 0 255 128 2.5  ",
                "",
                "0 1 0 0 0 1 10 20 30 40 3.5",
                "0.5 0.5 1 0 0 1 1 2 3 4 4.5",
                "4 0 1 2 3",
                "3\t0 1 4");
        CloudFile c = CloudIO.read(f);
        assertEquals("ply/ascii", c.format());
        assertArrayEquals(QUAD_XYZ, c.points().xyz());
        assertEquals(List.of("nx", "ny", "nz", "r", "g", "b", "a", "quality"), List.copyOf(c.points().fieldNames()));
        assertArrayEquals(new float[] {255, 0, 0, 10, 1}, c.points().field("r"));
        assertArrayEquals(new float[] {255, 255, 128, 40, 4}, c.points().field("a"));
        assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f}, c.points().field("quality"));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, c.points().field("nz"));
        assertTrue(c.mesh().isPresent());
        // The quad is fanned from its first vertex, keeping the winding.
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 0, 1, 4}, c.mesh().get().triangles());
    }

    @ParameterizedTest(name = "line end {index}")
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void anyLineEndInAsciiAndBeforeBinaryBodies(String eol) throws IOException {
        String header = String.join(eol, "ply", "format %s 1.0", "element vertex 2", "property float x",
                "property float y", "property float z", "end_header") + eol;
        Path a = Fixtures.text(dir, "a.ply", String.format(header, "ascii") + "1 2 3" + eol + "4 5 6" + eol);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, CloudIO.readPoints(a).xyz());
        // 10.0f starts with byte 0x00 in little-endian order, 0.5f with 0x3f in big-endian: neither is a line end.
        for (boolean little : new boolean[] {true, false}) {
            Fixtures.Binary b = new Fixtures.Binary(little)
                    .ascii(String.format(header, little ? "binary_little_endian" : "binary_big_endian"));
            b.f32(10).f32(0.5f).f32(3).f32(4).f32(5).f32(6);
            assertArrayEquals(new float[] {10, 0.5f, 3, 4, 5, 6}, CloudIO.readPoints(b.write(dir, "b.ply")).xyz());
        }
    }

    static Stream<Arguments> allTypes() {
        // Each value is exactly representable in its type and in float.
        Object[][] typeValue = {
            {"char", -100d}, {"int8", 100d}, {"uchar", 200d}, {"uint8", 255d},
            {"short", -30000d}, {"int16", 30000d}, {"ushort", 60000d}, {"uint16", 65535d},
            {"int", -2000000d}, {"int32", 2000000d}, {"uint", 4000000000d}, {"uint32", 3000000000d},
            {"float", 1.5d}, {"float32", -2.75d}, {"double", 2.25d}, {"float64", -1e-3d},
        };
        Stream.Builder<Arguments> args = Stream.builder();
        for (Object[] tv : typeValue) {
            for (String format : new String[] {"ascii", "binary_little_endian", "binary_big_endian"}) {
                args.add(Arguments.of(tv[0], tv[1], format));
            }
        }
        return args.build();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("allTypes")
    void everyScalarTypeForCoordinatesAndFields(String type, double value, String format) throws IOException {
        String header = "ply\nformat " + format + " 1.0\nelement vertex 2\nproperty " + type + " x\n"
                + "property float y\nproperty float z\nproperty " + type + " custom\nend_header\n";
        Path f;
        if (format.equals("ascii")) {
            String v = type.startsWith("float") || type.equals("double") ? Double.toString(value)
                    : Long.toString((long) value);
            f = Fixtures.text(dir, "t.ply", header + v + " 1 2 " + v + "\n0 0 0 0\n");
        } else {
            Fixtures.Binary b = new Fixtures.Binary(format.contains("little")).ascii(header);
            b.typed(type, value).f32(1).f32(2).typed(type, value);
            b.typed(type, 0).f32(0).f32(0).typed(type, 0);
            f = b.write(dir, "t.ply");
        }
        CloudFile c = CloudIO.read(f);
        assertEquals("ply/" + format, c.format());
        assertArrayEquals(new float[] {(float) value, 1, 2, 0, 0, 0}, c.points().xyz());
        assertArrayEquals(new float[] {(float) value, 0}, c.points().field("custom"));
        assertFalse(c.mesh().isPresent());
    }

    @ParameterizedTest(name = "little endian: {0}")
    @ValueSource(booleans = {true, false})
    void open3dStyleBinaryDoublesWithColourAndFaces(boolean little) throws IOException {
        Fixtures.Binary b = new Fixtures.Binary(little).ascii("ply\nformat binary_" + (little ? "little" : "big")
                + "_endian 1.0\ncomment Created by Open3D\nelement vertex 5\nproperty double x\nproperty double y\n"
                + "property double z\nproperty double nx\nproperty double ny\nproperty double nz\n"
                + "property uchar red\nproperty uchar green\nproperty uchar blue\nelement face 2\n"
                + "property list uchar uint vertex_indices\nend_header\n");
        for (int i = 0; i < 5; i++) {
            b.f64(QUAD_XYZ[3 * i]).f64(QUAD_XYZ[3 * i + 1]).f64(QUAD_XYZ[3 * i + 2]);
            b.f64(0).f64(-1).f64(0).i8(i * 50).i8(255 - i).i8(7);
        }
        b.i8(4).i32(0).i32(1).i32(2).i32(3);
        b.i8(3).i32(3).i32(2).i32(4);
        CloudFile c = CloudIO.read(b.write(dir, "open3d.ply"));
        assertEquals(little ? "ply/binary_little_endian" : "ply/binary_big_endian", c.format());
        assertArrayEquals(QUAD_XYZ, c.points().xyz());
        assertEquals(List.of("nx", "ny", "nz", "r", "g", "b"), List.copyOf(c.points().fieldNames()));
        assertArrayEquals(new float[] {0, 50, 100, 150, 200}, c.points().field("r"));
        assertArrayEquals(new float[] {255, 254, 253, 252, 251}, c.points().field("g"));
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1}, c.points().field("ny"));
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 3, 2, 4}, c.mesh().get().triangles());
    }

    @Test
    void pclStyleBinaryWithCameraElementIsPointsOnly() throws IOException {
        // PCL's PLY writer appends a 'camera' element of 21 scalars after the vertices.
        StringBuilder h = new StringBuilder("ply\nformat binary_little_endian 1.0\ncomment PCL generated\n"
                + "element vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
                + "property float intensity\nelement camera 1\n");
        String[] cam = {"view_px", "view_py", "view_pz", "x_axisx", "x_axisy", "x_axisz", "y_axisx", "y_axisy",
            "y_axisz", "z_axisx", "z_axisy", "z_axisz", "focal", "scalex", "scaley", "centerx", "centery",
            "viewportx", "viewporty", "k1", "k2"};
        for (String p : cam) {
            h.append("property float ").append(p).append('\n');
        }
        h.append("end_header\n");
        Fixtures.Binary b = new Fixtures.Binary(true).ascii(h.toString());
        for (int i = 0; i < 3; i++) {
            b.f32(i).f32(2 * i).f32(-i).f32(100 + i);
        }
        for (int k = 0; k < cam.length; k++) {
            b.f32(k);
        }
        CloudFile c = CloudIO.read(b.write(dir, "pcl.ply"));
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, -1, 2, 4, -2}, c.points().xyz());
        assertArrayEquals(new float[] {100, 101, 102}, c.points().field("intensity"));
        assertFalse(c.mesh().isPresent());
    }

    @Test
    void cloudCompareScalarIntensityAndBlenderTextureCoordinates() throws IOException {
        Fixtures.Binary cc = new Fixtures.Binary(true).ascii("ply\nformat binary_little_endian 1.0\n"
                + "comment Author: CloudCompare (TM)\nobj_info Generated by CloudCompare!\nelement vertex 2\n"
                + "property float x\nproperty float y\nproperty float z\nproperty float scalar_Intensity\n"
                + "property float scalar_Classification\nend_header\n");
        cc.f32(1).f32(2).f32(3).f32(0.25f).f32(2).f32(4).f32(5).f32(6).f32(0.75f).f32(6);
        PointCloud p = CloudIO.readPoints(cc.write(dir, "cc.ply"));
        assertEquals(List.of("intensity", "scalar_Classification"), List.copyOf(p.fieldNames()));
        assertArrayEquals(new float[] {0.25f, 0.75f}, p.field("intensity"));

        Fixtures.Binary bl = new Fixtures.Binary(true).ascii("ply\nformat binary_little_endian 1.0\n"
                + "comment Created in Blender version 4.1.1\nelement vertex 3\nproperty float x\nproperty float y\n"
                + "property float z\nproperty float nx\nproperty float ny\nproperty float nz\nproperty float s\n"
                + "property float t\nproperty uchar red\nproperty uchar green\nproperty uchar blue\n"
                + "property uchar alpha\nelement face 1\nproperty list uchar uint vertex_indices\nend_header\n");
        for (int i = 0; i < 3; i++) {
            bl.f32(i).f32(i == 2 ? 1 : 0).f32(0).f32(0).f32(0).f32(1).f32(0.1f * i).f32(0.2f * i)
                    .i8(i).i8(2 * i).i8(3 * i).i8(255);
        }
        bl.i8(3).i32(0).i32(1).i32(2);
        CloudFile c = CloudIO.read(bl.write(dir, "blender.ply"));
        assertEquals(List.of("nx", "ny", "nz", "s", "t", "r", "g", "b", "a"), List.copyOf(c.points().fieldNames()));
        assertArrayEquals(new float[] {0, 0.2f, 0.4f}, c.points().field("t"));
        assertArrayEquals(new float[] {0, 3, 6}, c.points().field("b"));
        assertArrayEquals(new int[] {0, 1, 2}, c.mesh().get().triangles());
    }

    private static final String SKIP_HEADER = "element edge 2\nproperty int vertex1\nproperty int vertex2\n"
            + "element face 2\nproperty list uchar float texcoord\nproperty list int int vertex_index\n"
            + "property uchar flags\nelement vertex 4\nproperty float x\nproperty list uchar short tags\n"
            + "property float y\nproperty float z\nelement material 1\nproperty uchar ambient_red\n"
            + "property list ushort double spectrum\nproperty float power\nend_header\n";

    @Test
    void asciiSkipsOtherElementsAndListsInAnyOrder() throws IOException {
        Path f = Fixtures.text(dir, "skip.ply", "ply\nformat ascii 1.0\n" + SKIP_HEADER
                + "0 1\n1 2\n"
                + "6 0 0 1 0 1 1 3 0 1 2 7\n0 3 0 2 3 9\n"
                + "0 2 5 6 0 0\n1 0 0 0\n1 1 7 1 0\n0 0 1 0\n"
                + "200 3 0.1 0.2 0.3 42.5\n");
        assertSkipped(CloudIO.read(f));
    }

    @ParameterizedTest(name = "little endian: {0}")
    @ValueSource(booleans = {true, false})
    void binarySkipsOtherElementsAndListsInAnyOrder(boolean little) throws IOException {
        Fixtures.Binary b = new Fixtures.Binary(little).ascii("ply\nformat binary_" + (little ? "little" : "big")
                + "_endian 1.0\n" + SKIP_HEADER);
        b.i32(0).i32(1).i32(1).i32(2);
        b.i8(6).f32(0).f32(0).f32(1).f32(0).f32(1).f32(1).i32(3).i32(0).i32(1).i32(2).i8(7);
        b.i8(0).i32(3).i32(0).i32(2).i32(3).i8(9);
        b.f32(0).i8(2).i16(5).i16(6).f32(0).f32(0);
        b.f32(1).i8(0).f32(0).f32(0);
        b.f32(1).i8(1).i16(7).f32(1).f32(0);
        b.f32(0).i8(0).f32(1).f32(0);
        b.i8(200).i16(3).f64(0.1).f64(0.2).f64(0.3).f32(42.5f);
        assertSkipped(CloudIO.read(b.write(dir, "skip.ply")));
    }

    private static void assertSkipped(CloudFile c) {
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, c.points().xyz());
        assertTrue(c.points().fieldNames().isEmpty());
        // 'vertex_index' (singular) is accepted; the quad is fanned.
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, c.mesh().get().triangles());
    }

    // ---- malformed input ----

    private Path ascii(String header, String body) throws IOException {
        return Fixtures.text(dir, "bad.ply", "ply\nformat ascii 1.0\n" + header + "end_header\n" + body);
    }

    private static final String XYZ4 = "element vertex 4\nproperty float x\nproperty float y\nproperty float z\n";
    private static final String FACES2 = "element face 2\nproperty list uchar int vertex_indices\n";

    @Test
    void truncatedAsciiNamesExpectedAndReadCounts() throws IOException {
        failsWith(ascii(XYZ4 + FACES2, "0 0 0\n1 0 0\n"), "line 11", "declares 4 vertices", "only 2");
        failsWith(ascii(XYZ4 + FACES2, "0 0 0\n1 0 0\n1 1 0\n0 1 0\n3 0 1 2\n"), "declares 2 faces", "only 1");
        failsWith(ascii(XYZ4, "0 0 0\n1 0 0\n1 1\n"), "line 10", "vertex 2 ends after 2 values",
                "expected a value for property 'z'");
    }

    @ParameterizedTest(name = "little endian: {0}")
    @ValueSource(booleans = {true, false})
    void truncatedBinaryNamesByteOffsetAndCounts(boolean little) throws IOException {
        String header = "ply\nformat binary_" + (little ? "little" : "big") + "_endian 1.0\n" + XYZ4 + FACES2
                + "end_header\n";
        Fixtures.Binary b = new Fixtures.Binary(little).ascii(header);
        b.f32(0).f32(0).f32(0).f32(1).f32(0).f32(0).f32(1).f32(1);
        int end = b.size();
        failsWith(b.write(dir, "cut.ply"), "byte " + end, "declares 4 vertices", "only 2");

        Fixtures.Binary faces = new Fixtures.Binary(little).ascii(header);
        for (int i = 0; i < 12; i++) {
            faces.f32(i);
        }
        faces.i8(3).i32(0).i32(1).i32(2).i8(3).i32(0);
        failsWith(faces.write(dir, "cutfaces.ply"), "byte " + faces.size(), "declares 2 faces", "only 1");
    }

    @Test
    void corruptListLengthEndsAsTruncationNotOutOfMemory() throws IOException {
        Fixtures.Binary b = new Fixtures.Binary(true).ascii("ply\nformat binary_little_endian 1.0\n" + XYZ4
                + "element face 1\nproperty list int int vertex_indices\nend_header\n");
        for (int i = 0; i < 12; i++) {
            b.f32(i);
        }
        b.i32(2_000_000_000).i32(0).i32(1).i32(2);
        failsWith(b.write(dir, "huge.ply"), "declares 1 faces", "only 0");
    }

    @Test
    void dataBeyondTheDeclaredCountsIsReported() throws IOException {
        failsWith(ascii(XYZ4, "0 0 0\n1 0 0\n1 1 0\n0 1 0\n5 5 5\n"), "line 12", "data after the last element");
        Fixtures.Binary b = new Fixtures.Binary(true).ascii("ply\nformat binary_little_endian 1.0\n" + XYZ4
                + "end_header\n");
        for (int i = 0; i < 15; i++) {
            b.f32(i);
        }
        failsWith(b.write(dir, "extra.ply"), "12 bytes of data after the last element");
        // A trailing newline after binary data is harmless.
        Fixtures.Binary ok = new Fixtures.Binary(true).ascii("ply\nformat binary_little_endian 1.0\n" + XYZ4
                + "end_header\n");
        for (int i = 0; i < 12; i++) {
            ok.f32(i);
        }
        ok.ascii("\r\n");
        assertEquals(4, CloudIO.readPoints(ok.write(dir, "nl.ply")).size());
    }

    @Test
    void asciiLineWithTooManyValues() throws IOException {
        failsWith(ascii(XYZ4, "0 0 0\n1 0 0 7\n1 1 0\n0 1 0\n"), "line 9", "vertex 1 has 4 values", "take 3");
    }

    @Test
    void nonNumericTokenNamesLineAndToken() throws IOException {
        failsWith(ascii(XYZ4, "0 0 0\n1 0 0\n1 abc 0\n0 1 0\n"), "line 10", "'abc'", "property 'y' of vertex 2");
        failsWith(ascii(XYZ4 + FACES2, "0 0 0\n1 0 0\n1 1 0\n0 1 0\n3 0 1.5 2\n3 0 1 2\n"), "line 14", "'1.5'",
                "expected an integer");
    }

    @Test
    void nonFiniteCoordinatesAreRejected() throws IOException {
        failsWith(ascii(XYZ4, "0 0 0\nnan 0 0\n1 1 0\n0 1 0\n"), "line 9", "vertex 1", "finite");
        failsWith(ascii(XYZ4, "0 0 0\n1 0 0\n1 -inf 0\n0 1 0\n"), "line 10", "vertex 2", "finite");
        Fixtures.Binary b = new Fixtures.Binary(false).ascii("ply\nformat binary_big_endian 1.0\n" + XYZ4
                + "end_header\n");
        int start = b.size();
        b.f32(0).f32(0).f32(0).f32(Float.POSITIVE_INFINITY).f32(0).f32(0);
        failsWith(b.write(dir, "inf.ply"), "byte " + (start + 24), "vertex 1", "finite");
    }

    @Test
    void nonFiniteExtraFieldsAreKept() throws IOException {
        PointCloud p = CloudIO.readPoints(ascii("element vertex 2\nproperty float x\nproperty float y\n"
                + "property float z\nproperty float nx\n", "0 0 0 nan\n1 1 1 0.5\n"));
        assertTrue(Float.isNaN(p.field("nx")[0]));
    }

    @Test
    void emptyCloudIsRejected() throws IOException {
        failsWith(ascii("element vertex 0\nproperty float x\nproperty float y\nproperty float z\n", ""),
                "line 3", "0 vertices");
        failsWith(ascii("element face 0\nproperty list uchar int vertex_indices\n", ""), "no 'element vertex'");
    }

    @Test
    void unsupportedTypesFormatsAndVersions() throws IOException {
        failsWith(ascii("element vertex 1\nproperty int64 x\nproperty float y\nproperty float z\n", "1 2 3\n"),
                "line 4", "unsupported property type 'int64'", "uchar/uint8");
        failsWith(ascii(XYZ4 + "element face 1\nproperty list float int vertex_indices\n", ""), "line 8",
                "count type float", "integer type");
        failsWith(Fixtures.text(dir, "v.ply", "ply\nformat ascii 2.0\n" + XYZ4 + "end_header\n"), "line 2",
                "unsupported PLY version '2.0'");
        failsWith(Fixtures.text(dir, "m.ply", "ply\nformat binary_middle_endian 1.0\n" + XYZ4 + "end_header\n"),
                "unsupported PLY format 'binary_middle_endian'");
        failsWith(ascii(XYZ4 + "element face 1\nproperty list uchar float vertex_indices\n",
                "0 0 0\n1 0 0\n1 1 0\n0 1 0\n3 0 1 2\n"), "list of float", "integer vertex indices");
    }

    @Test
    void malformedHeaders() throws IOException {
        failsWith(Fixtures.text(dir, "magic.ply", "PLY?\nformat ascii 1.0\n"), "line 1", "'ply'");
        failsWith(Fixtures.text(dir, "noend.ply", "ply\nformat ascii 1.0\n" + XYZ4), "end_header");
        failsWith(Fixtures.text(dir, "nofmt.ply", "ply\n" + XYZ4 + "end_header\n"), "without a 'format' line");
        failsWith(ascii("element vertex 2\nproperty float x\nproperty float y\n", "0 0\n1 1\n"), "no property 'z'");
        failsWith(ascii("element vertex -2\n", ""), "non-negative integer count");
        failsWith(ascii("property float x\n", ""), "before any 'element'");
        failsWith(ascii("element vertex 1\nproperty float x\nproperty float x\n", ""), "declared twice");
        failsWith(ascii(XYZ4 + "element face 1\nproperty uchar flags\n", ""), "no list 'vertex_indices'");
        failsWith(ascii("elephant vertex 1\n", ""), "unknown header keyword 'elephant'");
    }

    @Test
    void faceIndexOutOfRange() throws IOException {
        failsWith(ascii(XYZ4 + FACES2, "0 0 0\n1 0 0\n1 1 0\n0 1 0\n3 0 1 2\n3 0 9 2\n"), "line 15",
                "face 1 references vertex 9", "[0, 4)");
        failsWith(ascii(XYZ4 + FACES2, "0 0 0\n1 0 0\n1 1 0\n0 1 0\n3 0 -1 2\n3 0 1 2\n"), "face 0 references vertex -1");
        Fixtures.Binary b = new Fixtures.Binary(true).ascii("ply\nformat binary_little_endian 1.0\n" + XYZ4
                + "element face 1\nproperty list uchar uint vertex_indices\nend_header\n");
        for (int i = 0; i < 12; i++) {
            b.f32(i);
        }
        b.i8(3).i32(0).i32(-1);
        failsWith(b.write(dir, "uint.ply"), "byte " + b.size(), "references vertex 4294967295");
    }

    @Test
    void faceWithFewerThanThreeVertices() throws IOException {
        failsWith(ascii(XYZ4 + FACES2, "0 0 0\n1 0 0\n1 1 0\n0 1 0\n2 0 1\n3 0 1 2\n"), "line 14",
                "face 0 has 2 vertices", "at least 3");
    }
}
