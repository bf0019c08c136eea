package io.recon4j.cloud;

import static io.recon4j.cloud.Fixtures.failsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class XyzReaderTest {

    @TempDir
    Path dir;

    @Test
    void modelNetNormalResampledSixColumnsAreNormals() throws IOException {
        // Lines as in modelnet40_normal_resampled/airplane/airplane_0001.txt.
        Path f = Fixtures.lines(dir, "airplane_0001.txt", "\n",
                "-0.098790,-0.182300,0.163800,0.829000,-0.557000,-0.048810",
                "0.994600,0.074420,0.010250,0.331800,-0.939500,0.085270",
                "0.189900,-0.292200,-0.926300,0.239000,-0.178100,-0.954500");
        CloudFile c = CloudIO.read(f);
        assertEquals("xyz/comma", c.format());
        assertEquals(List.of("nx", "ny", "nz"), List.copyOf(c.points().fieldNames()));
        assertArrayEquals(new float[] {-0.098790f, -0.182300f, 0.163800f, 0.994600f, 0.074420f, 0.010250f,
            0.189900f, -0.292200f, -0.926300f}, c.points().xyz());
        assertArrayEquals(new float[] {-0.048810f, 0.085270f, -0.954500f}, c.points().field("nz"));
    }

    @Test
    void whitespaceTabsCrlfCommentsAndBlankLines() throws IOException {
        Path f = Fixtures.lines(dir, "scan.xyz", "\r\n", "# exported points", "1 2 3", "", "4\t5   6",
                "  7 8 9e-1  ", "// another comment", "-1e3 +2 .5");
        CloudFile c = CloudIO.read(f);
        assertEquals("xyz/whitespace", c.format());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 0.9f, -1000, 2, 0.5f}, c.points().xyz());
        assertTrue(c.points().fieldNames().isEmpty());
    }

    @Test
    void columnCountRule() throws IOException {
        PointCloud four = CloudIO.readPoints(Fixtures.text(dir, "i.xyz", "1 2 3 0.5\n4 5 6 0.25\n"));
        assertEquals(List.of("intensity"), List.copyOf(four.fieldNames()));
        assertArrayEquals(new float[] {0.5f, 0.25f}, four.field("intensity"));
        PointCloud five = CloudIO.readPoints(Fixtures.text(dir, "five.csv", "1,2,3,4,5\n"));
        assertEquals(List.of("c3", "c4"), List.copyOf(five.fieldNames()));
        assertArrayEquals(new float[] {5}, five.field("c4"));
        PointCloud eight = CloudIO.readPoints(Fixtures.text(dir, "eight.txt", "1 2 3 4 5 6 7 8\n"));
        assertEquals(List.of("c3", "c4", "c5", "c6", "c7"), List.copyOf(eight.fieldNames()));
    }

    @Test
    void leicaPtsWithCountLinesPerScan() throws IOException {
        Path f = Fixtures.text(dir, "scan.pts", "2\n1.5 2.5 3.5 -1200 10 20 30\n4 5 6 -800 40 50 60\n"
                + "1\n7 8 9 0 70 80 90\n");
        PointCloud p = CloudIO.readPoints(f);
        assertEquals(3, p.size());
        assertEquals(List.of("intensity", "r", "g", "b"), List.copyOf(p.fieldNames()));
        assertArrayEquals(new float[] {-1200, -800, 0}, p.field("intensity"));
        assertArrayEquals(new float[] {30, 60, 90}, p.field("b"));
    }

    @Test
    void headerNamesAreUsedWhenTheyMatchTheColumns() throws IOException {
        PointCloud named = CloudIO.readPoints(Fixtures.text(dir, "h.csv",
                "\uFEFFX, Y, Z, Red, Green, Blue, scalar_Intensity\n1, 2, 3, 4, 5, 6, 7\n8, 9, 10, 11, 12, 13, 14,\n"));
        assertEquals(List.of("r", "g", "b", "intensity"), List.copyOf(named.fieldNames()));
        assertArrayEquals(new float[] {7, 14}, named.field("intensity"));
        // CloudCompare's ASCII export writes the header as a '//' comment.
        PointCloud cc = CloudIO.readPoints(Fixtures.text(dir, "cc.txt", "//X,Y,Z,Nx,Ny,Nz,Dist\n0,0,0,0,0,1,0.5\n"));
        assertEquals(List.of("nx", "ny", "nz", "Dist"), List.copyOf(cc.fieldNames()));
        assertArrayEquals(new float[] {0.5f}, cc.field("Dist"));
        // "x y z" with four columns: names do not match, so the count rule applies.
        PointCloud mismatch = CloudIO.readPoints(Fixtures.text(dir, "m.xyz", "x y z\n1 2 3 4\n"));
        assertEquals(List.of("intensity"), List.copyOf(mismatch.fieldNames()));
        // A numeric first comment line is just a comment.
        assertEquals(1, CloudIO.readPoints(Fixtures.text(dir, "c.xyz", "# 1 2 3\n1 2 3\n")).size());
    }

    // ---- malformed input ----

    @Test
    void rowsMustHaveTheSameColumnCount() throws IOException {
        failsWith(Fixtures.text(dir, "ragged.txt", "# pts\n1,2,3,4,5,6\n1,2,3,4,5,6\n1,2,3,4,5\n"), "line 4",
                "has 5 values; expected 6", "the first is line 2");
        failsWith(Fixtures.text(dir, "two.xyz", "1 2\n3 4\n"), "line 1", "expected at least 3");
    }

    @Test
    void nonNumericTokensNameLineAndToken() throws IOException {
        failsWith(Fixtures.text(dir, "nn.xyz", "1 2 3\n4 five 6\n"), "line 2", "'five'", "y of point 1");
        failsWith(Fixtures.text(dir, "nn.csv", "1,2,3\n4,5,6;7\n"), "line 2", "'6;7'");
        failsWith(Fixtures.text(dir, "gap.csv", "1,2,3\n4,,6\n"), "line 2", "value 1 is empty");
        failsWith(Fixtures.text(dir, "hex.xyz", "1 2 3\n0x1p3 0 0\n"), "line 2", "'0x1p3'");
    }

    @Test
    void pointCountMismatch() throws IOException {
        failsWith(Fixtures.text(dir, "bad.pts", "3\n1 2 3 4 5 6 7\n1 2 3 4 5 6 7\n"), "line 1",
                "declares 3 points but 2 point lines follow");
        failsWith(Fixtures.text(dir, "bad2.pts", "1\n1 2 3\n1 2 3\n2\n1 2 3\n"), "line 1",
                "declares 1 points but 2");
    }

    @Test
    void nonFiniteCoordinatesAndEmptyFiles() throws IOException {
        failsWith(Fixtures.text(dir, "nan.txt", "1 2 3\n4 nan 6\n"), "line 2", "point 1", "finite");
        failsWith(Fixtures.text(dir, "empty.xyz", "\n# nothing here\n"), "0 points");
        failsWith(Fixtures.text(dir, "header.csv", "x,y,z\n"), "0 points");
    }
}
