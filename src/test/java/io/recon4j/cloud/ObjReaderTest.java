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
class ObjReaderTest {

    @TempDir
    Path dir;

    @Test
    void blenderStyleQuadsWithTextureAndNormalReferences() throws IOException {
        Path f = Fixtures.lines(dir, "cube.obj", "\r\n",
                "# Blender 4.1.1",
                "mtllib cube.mtl",
                "o Cube",
                "v 1.000000 1.000000 -1.000000",
                "v 1.000000 -1.000000 -1.000000",
                "v 1.000000 1.000000 1.000000",
                "v 1.000000 -1.000000 1.000000",
                "vn -0.0000 1.0000 -0.0000",
                "vt 0.625000 0.500000",
                "s 0",
                "g side",
                "usemtl Material",
                "f 1/1/1 3/2/1 4/3/1 2/4/1",
                "f 1//1 2//1 3//1",
                "f 1/1 2/2 3/3",
                "l 1 2",
                "f\t4 3 2");
        CloudFile c = CloudIO.read(f);
        assertEquals("obj", c.format());
        assertEquals(4, c.points().size());
        assertArrayEquals(new float[] {1, -1, 1}, new float[] {c.points().get(3, 0), c.points().get(3, 1),
            c.points().get(3, 2)});
        assertArrayEquals(new int[] {0, 2, 3, 0, 3, 1, 0, 1, 2, 0, 1, 2, 3, 2, 1}, c.mesh().get().triangles());
        assertTrue(c.points().fieldNames().isEmpty());
    }

    @Test
    void negativeRelativeIndicesAndForwardReferences() throws IOException {
        Path f = Fixtures.text(dir, "rel.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nf -4 -3 -2 -1\n"
                + "f 1 2 5\nv 2 2 2\nf -1 -2/7/7 -3//2\n");
        CloudFile c = CloudIO.read(f);
        // "f 1 2 5" uses vertex 5 before its 'v' line, which OBJ allows.
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 0, 1, 4, 4, 3, 2}, c.mesh().get().triangles());
    }

    @Test
    void vertexColoursWeightsCommentsAndContinuations() throws IOException {
        Path f = Fixtures.text(dir, "col.obj", "# MeshLab\nv 0 0 0 1.0 0.5 0.25 # red-ish\n"
                + "v 1 0 0 0.1 0.2 \\\n  0.3\nv 0 1 0 1 0 0 0\n\n  \nf 1 \\\n 2 3\n");
        CloudFile c = CloudIO.read(f);
        assertEquals(List.of("r", "g", "b"), List.copyOf(c.points().fieldNames()));
        // 'v x y z w r g b': the weight is dropped, the colour kept.
        assertArrayEquals(new float[] {1, 0.1f, 0}, c.points().field("r"));
        assertArrayEquals(new float[] {0.25f, 0.3f, 0}, c.points().field("b"));
        assertArrayEquals(new int[] {0, 1, 2}, c.mesh().get().triangles());

        PointCloud w = CloudIO.readPoints(Fixtures.text(dir, "w.obj", "v 1 2 3 0.5\nv 4 5 6 1\n"));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.xyz());
        assertTrue(w.fieldNames().isEmpty());
        assertFalse(CloudIO.read(Fixtures.text(dir, "pts.obj", "v 1 2 3\np 1\n")).mesh().isPresent());
    }

    // ---- malformed input ----

    @Test
    void badIndices() throws IOException {
        failsWith(Fixtures.text(dir, "zero.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n"), "line 4", "vertex index 0");
        failsWith(Fixtures.text(dir, "oob.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1 2 9\nv 1 1 1\n"),
                "line 5", "references vertex 9", "only 4 vertices");
        failsWith(Fixtures.text(dir, "neg.obj", "v 0 0 0\nv 1 0 0\nf -1 -2 -3\n"), "line 3",
                "relative vertex index -3", "only 2 vertices");
        failsWith(Fixtures.text(dir, "slash.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 /2 3\n"), "line 4", "''",
                "'/2'");
    }

    @Test
    void badStatements() throws IOException {
        failsWith(Fixtures.text(dir, "kw.obj", "v 0 0 0\nvertex 1 2 3\n"), "line 2", "unknown statement 'vertex'");
        failsWith(Fixtures.text(dir, "nn.obj", "v 0 0 0\nv 1 zero 0\n"), "line 2", "'zero'", "y of vertex 2");
        failsWith(Fixtures.text(dir, "short.obj", "v 0 0\n"), "line 1", "'v' has 2 values");
        failsWith(Fixtures.text(dir, "col.obj", "v 0 0 0 1 0 0\nv 1 0 0\n"), "line 2", "vertex 2 has no colour");
        failsWith(Fixtures.text(dir, "two.obj", "v 0 0 0\nv 1 0 0\nf 1 2\n"), "line 3", "face has 2 vertices");
        failsWith(Fixtures.text(dir, "nan.obj", "v 0 0 0\nv inf 0 0\n"), "line 2", "vertex 1 (0-based)", "finite");
    }

    @Test
    void noVertices() throws IOException {
        failsWith(Fixtures.text(dir, "empty.obj", "# only a comment\no thing\n"), "no vertices");
    }
}
