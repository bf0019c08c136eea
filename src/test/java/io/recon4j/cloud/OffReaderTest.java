package io.recon4j.cloud;

import static io.recon4j.cloud.Fixtures.failsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class OffReaderTest {

    @TempDir
    Path dir;

    @Test
    void commentsBlankLinesCrlfTabsQuadsAndFaceColours() throws IOException {
        Path f = Fixtures.lines(dir, "box.off", "\r\n",
                "OFF",
                "# a unit square and an apex",
                "",
                "5 2 0   # vertices faces edges",
                "0 0 0",
                "1\t0 0",
                "  1 1 0  ",
                "# comment between vertices",
                "0 1 0",
                "0.5 0.5 1.0e0",
                "4 0 1 2 3 255 0 0",
                "3 0 1 4 0.1 0.2 0.3 0.4",
                "");
        CloudFile c = CloudIO.read(f);
        assertEquals("off", c.format());
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0.5f, 0.5f, 1}, c.points().xyz());
        assertTrue(c.points().fieldNames().isEmpty());
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 0, 1, 4}, c.mesh().get().triangles());
    }

    @Test
    void modelNetCountsGluedToTheKeyword() throws IOException {
        // As in ModelNet40 (e.g. bathtub_0107.off): "OFF" and the counts share the first line.
        Path f = Fixtures.text(dir, "bathtub_0107.off", "OFF4 2 0\n-15.5 -23.25 10.0\n15.5 -23.25 10.0\n"
                + "15.5 23.25 10.0\n-15.5 23.25 -10.0\n3 0 1 2\n3 0 2 3\n");
        CloudFile c = CloudIO.read(f);
        assertEquals(4, c.points().size());
        assertEquals(-10f, c.points().get(3, 2));
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, c.mesh().get().triangles());
        Path spaced = Fixtures.text(dir, "spaced.off", "OFF 3 1 3\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n");
        assertEquals(1, CloudIO.read(spaced).mesh().get().triangleCount());
    }

    @Test
    void variantsWithNormalsColoursAndTexture() throws IOException {
        CloudFile coff = CloudIO.read(Fixtures.text(dir, "c.off",
                "COFF\n3 1 0\n0 0 0 255 0 0 255\n1 0 0 0 255 0 128\n0 1 0 0 0 255 0\n3 0 1 2\n"));
        assertEquals("coff", coff.format());
        assertEquals(List.of("r", "g", "b", "a"), List.copyOf(coff.points().fieldNames()));
        assertArrayEquals(new float[] {255, 128, 0}, coff.points().field("a"));

        PointCloud rgb = CloudIO.readPoints(Fixtures.text(dir, "rgb.off",
                "COFF\n2 0 0\n0 0 0 0.1 0.2 0.3\n1 0 0 0.4 0.5 0.6\n"));
        assertEquals(List.of("r", "g", "b"), List.copyOf(rgb.fieldNames()));
        assertArrayEquals(new float[] {0.3f, 0.6f}, rgb.field("b"));

        CloudFile all = CloudIO.read(Fixtures.text(dir, "stcn.off",
                "STCNOFF\n1 0 0\n1 2 3 0 0 1 10 20 30 0.25 0.75\n"));
        assertEquals("stcnoff", all.format());
        assertEquals(List.of("nx", "ny", "nz", "r", "g", "b", "s", "t"), List.copyOf(all.points().fieldNames()));
        assertArrayEquals(new float[] {1}, all.points().field("nz"));
        assertArrayEquals(new float[] {20}, all.points().field("g"));
        assertArrayEquals(new float[] {0.75f}, all.points().field("t"));
        assertFalse(all.mesh().isPresent());
    }

    @Test
    void countsOnTheirOwnLineAfterComments() throws IOException {
        CloudFile c = CloudIO.read(Fixtures.text(dir, "sep.off",
                "OFF\n# made by hand\n\n3 1 3\n0 0 0\n1 0 0\n0 1 0\n3 2 1 0\n"));
        assertArrayEquals(new int[] {2, 1, 0}, c.mesh().get().triangles());
    }

    // ---- malformed input ----

    @Test
    void truncatedVerticesAndFacesNameTheCounts() throws IOException {
        failsWith(Fixtures.text(dir, "tv.off", "OFF\n4 1 0\n0 0 0\n1 0 0\n"), "line 4",
                "ends after 2 of the 4 vertices");
        failsWith(Fixtures.text(dir, "tf.off", "OFF\n3 3 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n"), "line 6",
                "ends after 1 of the 3 faces");
    }

    @Test
    void wrongCountsAreCaught() throws IOException {
        // Too few vertices declared: a vertex line is read as a face.
        failsWith(Fixtures.text(dir, "fewv.off", "OFF\n2 1 0\n0 0 0\n1 0 0\n0.5 1 0\n3 0 1 2\n"), "line 5",
                "'0.5'", "vertex count of face 0");
        failsWith(Fixtures.text(dir, "fewf.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n3 2 1 0\n"), "line 7",
                "data after the 1 faces");
        failsWith(Fixtures.text(dir, "short.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n4 0 1 2\n"), "line 6",
                "declares 4 vertices but lists 3");
        failsWith(Fixtures.text(dir, "wide.off", "OFF\n2 0 0\n0 0 0\n1 0 0 1\n"), "line 4", "vertex 1 has 4 values",
                "expected 3 (x y z)");
        failsWith(Fixtures.text(dir, "counts.off", "OFF\n3\n"), "line 2", "expected the counts");
    }

    @Test
    void nonNumericTokensNameLineAndToken() throws IOException {
        failsWith(Fixtures.text(dir, "nn.off", "OFF\n3 0 0\n0 0 0\n1 0,5 0\n0 1 0\n"), "line 4", "'0,5'",
                "y of vertex 1");
        failsWith(Fixtures.text(dir, "nc.off", "OFF\nthree 0 0\n"), "line 2", "'three'", "vertex count");
    }

    @Test
    void nonFiniteAndEmpty() throws IOException {
        failsWith(Fixtures.text(dir, "nan.off", "OFF\n2 0 0\n0 0 0\nNaN 1 1\n"), "line 4", "vertex 1", "finite");
        failsWith(Fixtures.text(dir, "zero.off", "OFF\n0 0 0\n"), "line 2", "0 vertices");
        failsWith(Fixtures.text(dir, "empty.off", "# nothing\n\n"), "file is empty");
    }

    @Test
    void badKeywordsAndVariants() throws IOException {
        failsWith(Fixtures.text(dir, "ply.off", "ply\n3 1 0\n"), "line 1", "keyword OFF", "'ply'");
        failsWith(Fixtures.text(dir, "4.off", "4OFF\n1 0 0\n0 0 0 1\n"), "unsupported OFF variant '4OFF'");
        failsWith(Fixtures.text(dir, "bin.off", "OFF BINARY\n"), "binary OFF");
        failsWith(Fixtures.text(dir, "glued.off", "OFFSET 1 2\n"), "keyword OFF");
    }

    @Test
    void faceIndexOutOfRangeAndDegenerateFaces() throws IOException {
        failsWith(Fixtures.text(dir, "oob.off", "OFF\n3 2 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n3 0 1 3\n"), "line 7",
                "face 1 references vertex 3", "[0, 3)");
        failsWith(Fixtures.text(dir, "neg.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 -1 2\n"), "vertex -1");
        failsWith(Fixtures.text(dir, "two.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n2 0 1\n"), "line 6",
                "face 0 has 2 vertices");
    }
}
