package io.recon4j.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by PCL itself, kept in one zip (see src/test/resources/io/recon4j/cloud/pcl/README.md). */
@Tag("fast")
class PcdPclInteropTest {

    @TempDir
    static Path pcl;

    @BeforeAll
    static void extract() throws IOException {
        assertEquals(10, Fixtures.unzipResource(PcdPclInteropTest.class, "pcl/pcl-written.zip", pcl).size());
    }

    private static Path resource(String name) {
        return pcl.resolve(name);
    }

    private static PointCloud read(String name) throws IOException {
        return new PcdReader().read(resource(name)).points();
    }

    @Test
    void organisedCloudWithNanPixelsInAllThreeEncodings() throws IOException {
        List<Float> expected = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            float z = Float.parseFloat(String.format("%.3f", 0.5 + 0.05 * (k % 7)));
            if (z > 0.7f) {
                continue; // set to NaN by PCL's pass-through filter
            }
            expected.add(Float.parseFloat(String.format("%.3f", 0.1 * (k % 5))));
            expected.add(Float.parseFloat(String.format("%.3f", 0.1 * (k / 5))));
            expected.add(z);
        }
        float[] want = new float[expected.size()];
        for (int i = 0; i < want.length; i++) {
            want[i] = expected.get(i);
        }
        assertEquals(15 * 3, want.length);
        for (String enc : List.of("ascii", "binary", "compressed")) {
            Path p = resource("organised_nan_" + enc + ".pcd");
            CloudFormatException e = assertThrows(CloudFormatException.class, () -> new PcdReader().read(p));
            assertTrue(e.getMessage().contains("point 5 has non-finite coordinates"), e.getMessage());
            PcdReader.Result r = new PcdReader(PcdReader.Options.DROP_NON_FINITE).readWithDetails(p);
            assertEquals(5, r.width(), enc);
            assertEquals(4, r.height(), enc);
            assertEquals(5, r.droppedNonFinite(), enc);
            assertArrayEquals(want, r.file().points().xyz(), enc);
        }
    }

    @Test
    void paddedPointNormalMatchesItsCompressedAndAsciiConversions() throws IOException {
        PointCloud padded = read("mls20_padded_binary.pcd");
        assertEquals(List.of("nx", "ny", "nz", "curvature"), List.copyOf(padded.fieldNames()));
        assertEquals(padded, read("mls20_compressed.pcd"));
        PointCloud ascii = read("mls20_ascii.pcd"); // PCL prints 7 significant digits
        assertClose(padded.xyz(), ascii.xyz(), 1e-6);
        for (String f : padded.fieldNames()) {
            assertClose(padded.field(f), ascii.field(f), 1e-6);
        }
        assertUnitNormals(padded);
    }

    @Test
    void fieldsBeforeXyzAndCountedHistogramField() throws IOException {
        PointCloud normals = read("normals20_compressed.pcd");
        assertEquals(20, normals.size());
        assertEquals(List.of("nx", "ny", "nz", "curvature"), List.copyOf(normals.fieldNames()));
        assertUnitNormals(normals);
        for (float c : normals.field("curvature")) {
            assertTrue(c >= 0 && c <= 1f / 3 + 1e-6, "curvature " + c);
        }
        PointCloud fpfh = read("fpfh20_binary.pcd");
        // Same points in the same order: PCL copied x y z and the normals through.
        assertArrayEquals(normals.xyz(), fpfh.xyz());
        assertArrayEquals(normals.field("nx"), fpfh.field("nx"));
        assertEquals(33 + 4, fpfh.fieldNames().size());
        assertEquals("fpfh_0", fpfh.fieldNames().iterator().next());
        // PCL normalises each of FPFH's three 11-bin sub-histograms to sum to 100.
        for (int i = 0; i < fpfh.size(); i++) {
            for (int h = 0; h < 3; h++) {
                double sum = 0;
                for (int b = 0; b < 11; b++) {
                    sum += fpfh.field("fpfh_" + (11 * h + b))[i];
                }
                assertEquals(100, sum, 1e-3, "point " + i + " sub-histogram " + h);
            }
        }
    }

    @Test
    void rgbaFromPlyInBinaryAndAscii() throws IOException {
        for (String enc : List.of("binary", "ascii")) {
            PointCloud c = read("rgba3_" + enc + ".pcd");
            assertEquals(List.of("r", "g", "b", "a", "intensity"), List.copyOf(c.fieldNames()), enc);
            assertArrayEquals(new float[] {255, 0, 0}, c.field("r"), enc);
            assertArrayEquals(new float[] {0, 255, 0}, c.field("g"), enc);
            assertArrayEquals(new float[] {0, 0, 255}, c.field("b"), enc);
            assertArrayEquals(new float[] {255, 128, 7}, c.field("a"), enc);
            assertArrayEquals(new float[] {0.5f, 0.25f, 1}, c.field("intensity"), enc);
            assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, c.xyz(), enc);
        }
    }

    private static void assertUnitNormals(PointCloud c) {
        float[] nx = c.field("nx");
        float[] ny = c.field("ny");
        float[] nz = c.field("nz");
        for (int i = 0; i < c.size(); i++) {
            double len = Math.sqrt(nx[i] * nx[i] + ny[i] * ny[i] + nz[i] * nz[i]);
            assertEquals(1, len, 1e-4, "normal " + i);
        }
    }

    private static void assertClose(float[] want, float[] got, double rel) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], rel * Math.max(1, Math.abs(want[i])), "index " + i);
        }
    }
}
