package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelNet layouts on small trees written in a temporary folder. */
@Tag("fast")
class ModelNetDatasetTest {

    @TempDir
    Path root;

    // ---------------------------------------------------------------- helpers

    /** Writes n random points with offset/scale as "x,y,z,nx,ny,nz" lines (the resampled layout). */
    private static void writeResampled(Path file, int n, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", 3 + r.nextDouble(), -2 + r.nextDouble(),
                    5 * r.nextDouble(), 0.0, 1.0, 0.0));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb);
    }

    private static void writeXyz(Path file, int n, long seed, double offset) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%.4f %.4f %.4f%n", offset + 10 * r.nextDouble(),
                    offset + 10 * r.nextDouble(), offset + 10 * r.nextDouble()));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb);
    }

    /** Writes an axis-aligned box [0,a]x[0,b]x[0,c] + offset as an OFF mesh (ModelNet's glued header). */
    private static void writeBoxOff(Path file, double a, double b, double c, double offset) throws IOException {
        StringBuilder sb = new StringBuilder("OFF8 12 0\n");
        for (int i = 0; i < 8; i++) {
            sb.append(String.format(Locale.ROOT, "%f %f %f%n", offset + ((i & 1) * a), offset + (((i >> 1) & 1) * b),
                    offset + (((i >> 2) & 1) * c)));
        }
        int[][] quads = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
        for (int[] q : quads) {
            sb.append("3 ").append(q[0]).append(' ').append(q[1]).append(' ').append(q[2]).append('\n');
            sb.append("3 ").append(q[0]).append(' ').append(q[2]).append(' ').append(q[3]).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb);
    }

    private static void assertNormalised(PointCloud c, String what) {
        double[] m = new double[3];
        for (int i = 0; i < c.size(); i++) {
            for (int a = 0; a < 3; a++) {
                m[a] += c.get(i, a);
            }
        }
        double r = 0;
        for (int i = 0; i < c.size(); i++) {
            double s = 0;
            for (int a = 0; a < 3; a++) {
                double d = c.get(i, a) - m[a] / c.size();
                s += d * d;
            }
            r = Math.max(r, Math.sqrt(s));
        }
        for (int a = 0; a < 3; a++) {
            assertEquals(0, m[a] / c.size(), 1e-5, what + " centroid");
        }
        assertEquals(1, r, 1e-5, what + " max radius");
    }

    private void resampledTree(int categories, List<String> classes, List<String> train, List<String> test)
            throws IOException {
        Files.write(root.resolve("modelnet" + categories + "_shape_names.txt"), classes);
        Files.write(root.resolve("modelnet" + categories + "_train.txt"), train);
        Files.write(root.resolve("modelnet" + categories + "_test.txt"), test);
        long seed = 0;
        for (String id : concat(train, test)) {
            String cls = id.substring(0, id.lastIndexOf('_'));
            writeResampled(root.resolve(cls).resolve(id + ".txt"), 60, seed++);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ---------------------------------------------------------------- RESAMPLED

    @Test
    void resampledLayoutLabelsByShapeNameLine() throws IOException {
        resampledTree(40, List.of("airplane", "night_stand", "table"),
                List.of("table_0001", "night_stand_0001", "airplane_0001", "night_stand_0002"),
                List.of("table_0002", "airplane_0002"));
        assertEquals(ModelNetDataset.Layout.RESAMPLED, ModelNetDataset.detectLayout(root));
        ModelNetDataset train = ModelNetDataset.train(root);
        assertEquals("modelnet3/train", train.name());
        assertEquals(List.of("airplane", "night_stand", "table"), train.classNames());
        assertEquals(4, train.size());
        assertEquals(List.of("table_0001", "night_stand_0001", "airplane_0001", "night_stand_0002"),
                List.of(train.idOf(0), train.idOf(1), train.idOf(2), train.idOf(3)));
        assertEquals(List.of(2, 1, 0, 1), List.of(train.labelOf(0), train.labelOf(1), train.labelOf(2), train.labelOf(3)));
        for (int i = 0; i < train.size(); i++) {
            Sample s = train.get(i);
            assertEquals(60, s.points().size());
            assertEquals(Set.of(), s.points().fieldNames(), "normals dropped by default");
            assertNormalised(s.points(), s.id());
        }
        assertEquals(2, ModelNetDataset.test(root).size());
        Sample withNormals = ModelNetDataset.builder(root).keepNormals(true).build().get(0);
        assertEquals(Set.of("nx", "ny", "nz"), withNormals.points().fieldNames());
        assertEquals(1f, withNormals.points().field("ny")[0]);
    }

    @Test
    void resampledLoadTimeFpsKeepsDistinctFarPoints() throws IOException {
        resampledTree(40, List.of("chair"), List.of("chair_0001"), List.of("chair_0002"));
        ModelNetDataset d = ModelNetDataset.builder(root).pointsPerShape(20).build();
        PointCloud c = d.get(0).points();
        assertEquals(20, c.size());
        assertNormalised(c, "fps'd");
        // FPS picks are distinct points of the file and deterministic.
        assertEquals(20, java.util.stream.IntStream.range(0, 20).mapToObj(i -> c.get(i, 0) + "," + c.get(i, 1) + ","
                + c.get(i, 2)).distinct().count());
        assertEquals(c, ModelNetDataset.builder(root).pointsPerShape(20).build().get(0).points());
    }

    @Test
    void resampledPrefersModelNet40UnlessAskedFor10() throws IOException {
        resampledTree(40, List.of("bed", "chair"), List.of("bed_0001", "chair_0001"), List.of("chair_0002"));
        Files.write(root.resolve("modelnet10_shape_names.txt"), List.of("chair"));
        Files.write(root.resolve("modelnet10_train.txt"), List.of("chair_0001"));
        Files.write(root.resolve("modelnet10_test.txt"), List.of("chair_0002"));
        assertEquals(2, ModelNetDataset.train(root).classNames().size());
        ModelNetDataset ten = ModelNetDataset.builder(root).categories(10).build();
        assertEquals(List.of("chair"), ten.classNames());
        assertEquals(0, ten.labelOf(0));
    }

    @Test
    void resampledErrorsNameTheFileAndLine() throws IOException {
        resampledTree(40, List.of("bed", "chair"), List.of("bed_0001", "chair_0001"), List.of("chair_0002"));
        Files.write(root.resolve("modelnet40_test.txt"), List.of("chair_0002", "", "sofa_0001"));
        DatasetFormatException unknown = assertThrows(DatasetFormatException.class, () -> ModelNetDataset.test(root));
        assertTrue(unknown.getMessage().contains("modelnet40_test.txt: line 3") && unknown.getMessage().contains("'sofa'"),
                unknown.getMessage());
        Files.write(root.resolve("modelnet40_test.txt"), List.of("chair_0003"));
        DatasetFormatException missing = assertThrows(DatasetFormatException.class, () -> ModelNetDataset.test(root));
        assertTrue(missing.getMessage().contains("chair_0003.txt"), missing.getMessage());
        Files.delete(root.resolve("modelnet40_test.txt"));
        DatasetFormatException noList = assertThrows(DatasetFormatException.class, () -> ModelNetDataset.test(root));
        assertTrue(noList.getMessage().contains("modelnet40_test.txt") && noList.getMessage().contains("missing"),
                noList.getMessage());
        assertEquals(2, ModelNetDataset.train(root).size(), "the train split is still readable");
    }

    // ---------------------------------------------------------------- POINT_FILES

    @Test
    void pointFileFoldersAreClassesInSortedOrder() throws IOException {
        writeXyz(root.resolve("sofa/train/sofa_0001.xyz"), 30, 1, 1e5);
        writeXyz(root.resolve("sofa/train/sofa_0002.xyz"), 30, 2, 1e5);
        writeXyz(root.resolve("bed/train/bed_0001.xyz"), 30, 3, -50);
        writeXyz(root.resolve("bed/test/bed_0100.xyz"), 30, 4, 0);
        writeXyz(root.resolve("chair/test/chair_0100.xyz"), 30, 5, 0);
        Files.writeString(root.resolve("bed/train/.hidden.xyz"), "garbage");
        Files.writeString(root.resolve("bed/train/notes.md"), "ignored");
        Files.createDirectories(root.resolve("misc/other"));
        assertEquals(ModelNetDataset.Layout.POINT_FILES, ModelNetDataset.detectLayout(root));
        ModelNetDataset train = ModelNetDataset.train(root);
        assertEquals(List.of("bed", "chair", "sofa"), train.classNames());
        assertEquals(3, train.size());
        assertEquals(List.of("bed_0001", "sofa_0001", "sofa_0002"), List.of(train.idOf(0), train.idOf(1), train.idOf(2)));
        assertEquals(List.of(0, 2, 2), List.of(train.labelOf(0), train.labelOf(1), train.labelOf(2)));
        for (int i = 0; i < 3; i++) {
            assertNormalised(train.get(i).points(), train.idOf(i));
        }
        ModelNetDataset test = ModelNetDataset.test(root);
        assertEquals(List.of(0, 1), List.of(test.labelOf(0), test.labelOf(1)));
        assertEquals(root.getFileName().toString().toLowerCase(Locale.ROOT) + "/test", test.name());
    }

    @Test
    void duplicateIdsInOneFolderAreRejected() throws IOException {
        writeXyz(root.resolve("bed/train/bed_0001.xyz"), 10, 1, 0);
        writeXyz(root.resolve("bed/train/bed_0001.txt"), 10, 1, 0);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ModelNetDataset.train(root));
        assertTrue(e.getMessage().contains("bed_0001"), e.getMessage());
    }

    @Test
    void cacheKeepsLoadedCloudsAndLabelsNeedNoRead() throws IOException {
        writeXyz(root.resolve("bed/train/bed_0001.xyz"), 10, 1, 0);
        writeXyz(root.resolve("bed/train/bed_0002.xyz"), 10, 2, 0);
        ModelNetDataset cached = ModelNetDataset.builder(root).cache(true).build();
        ModelNetDataset plain = ModelNetDataset.train(root);
        assertSame(cached.get(0).points(), cached.get(0).points());
        assertNotSame(plain.get(0).points(), plain.get(0).points());
        assertEquals(plain.get(0).points(), cached.get(0).points());
        Files.delete(root.resolve("bed/train/bed_0001.xyz"));
        assertEquals(0, plain.labelOf(0));
        assertEquals("bed_0001", plain.idOf(0));
        assertEquals(plain.get(1).points(), cached.get(1).points());
        assertNotEquals(plain.get(1).points(), cached.get(0).points(), "distinct files must not share a cache slot");
        assertSame(cached.get(0).points(), cached.get(0).points()); // still served from memory
        IOException e = assertThrows(IOException.class, () -> plain.get(0));
        assertTrue(e.getMessage().contains("bed_0001.xyz"), e.getMessage());
    }

    @Test
    void degenerateCloudIsReportedAgainstItsFile() throws IOException {
        Files.createDirectories(root.resolve("bed/train"));
        Files.writeString(root.resolve("bed/train/bed_0001.xyz"), "1 1 1\n1 1 1\n");
        IOException e = assertThrows(IOException.class, () -> ModelNetDataset.train(root).get(0));
        assertTrue(e.getMessage().contains("bed_0001.xyz") && e.getMessage().contains("coincide"), e.getMessage());
    }

    // ---------------------------------------------------------------- MESHES

    @Test
    void meshesAreSurfaceSampledDeterministicallyPerFile() throws IOException {
        writeBoxOff(root.resolve("box/train/box_0001.off"), 2, 1, 1, 100);
        writeBoxOff(root.resolve("box/train/box_0002.off"), 2, 1, 1, 100);
        writeBoxOff(root.resolve("box/test/box_0003.off"), 1, 1, 3, 0);
        writeBoxOff(root.resolve("cube/train/cube_0001.off"), 1, 1, 1, 0);
        assertEquals(ModelNetDataset.Layout.MESHES, ModelNetDataset.detectLayout(root));
        ModelNetDataset d = ModelNetDataset.builder(root).meshSamples(600).pointsPerShape(500).build();
        assertEquals(List.of("box", "cube"), d.classNames());
        assertEquals(3, d.size());
        PointCloud a = d.get(0).points();
        assertEquals(500, a.size());
        assertNormalised(a, "box_0001");
        // Every sample lies on the box surface: some coordinate at the bounding box's extreme.
        float[] bb = a.boundingBox();
        for (int i = 0; i < a.size(); i++) {
            boolean onFace = false;
            for (int c = 0; c < 3; c++) {
                onFace |= Math.abs(a.get(i, c) - bb[c]) < 1e-4 || Math.abs(a.get(i, c) - bb[3 + c]) < 1e-4;
            }
            assertTrue(onFace, "point " + i + " is not on the surface");
        }
        // The box is 2 x 1 x 1: the x extent is twice the others.
        assertEquals(2.0, (bb[3] - bb[0]) / (bb[4] - bb[1]), 0.02);
        // Same file -> same cloud; same geometry under another name -> another draw.
        assertEquals(a, ModelNetDataset.builder(root).meshSamples(600).pointsPerShape(500).build().get(0).points());
        assertNotEquals(a, d.get(1).points());
        ModelNetDataset normals = ModelNetDataset.builder(root).meshSamples(100).keepNormals(true).build();
        assertEquals(Set.of("nx", "ny", "nz"), normals.get(0).points().fieldNames());
    }

    @Test
    void meshWithoutFacesIsAClearError() throws IOException {
        Files.createDirectories(root.resolve("flat/train"));
        Files.writeString(root.resolve("flat/train/flat_0001.off"), "OFF\n3 0 0\n0 0 0\n1 0 0\n0 1 0\n");
        IOException e = assertThrows(IOException.class, () -> ModelNetDataset.train(root).get(0));
        assertTrue(e.getMessage().contains("flat_0001.off") && e.getMessage().contains("no faces"), e.getMessage());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unrecognisedRootSaysWhatWasLookedFor() throws IOException {
        Files.createDirectories(root.resolve("modelnet40_normal_resampled"));
        Files.writeString(root.resolve("readme.txt"), "hi");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ModelNetDataset.train(root));
        String m = e.getMessage();
        assertTrue(m.contains("modelnet40_shape_names.txt") && m.contains("train/") && m.contains("readme.txt")
                && m.contains("did you mean"), m);
        DatasetFormatException notDir = assertThrows(DatasetFormatException.class,
                () -> ModelNetDataset.train(root.resolve("readme.txt")));
        assertTrue(notDir.getMessage().contains("not a directory"));
        Files.createDirectories(root.resolve("x/train"));
        DatasetFormatException empty = assertThrows(DatasetFormatException.class, () -> ModelNetDataset.train(root));
        assertTrue(empty.getMessage().contains("no readable point or mesh files"), empty.getMessage());
    }
}
