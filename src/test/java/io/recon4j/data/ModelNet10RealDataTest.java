package io.recon4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recon4j.cloud.PointCloud;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real ModelNet10 (binary PCD, 1024 points per shape) in ../shared/data/modelnet10. */
@Tag("shared")
class ModelNet10RealDataTest {

    private static final Path ROOT = Path.of("..", "shared", "data", "modelnet10");
    private static final List<String> CLASSES = List.of("bathtub", "bed", "chair", "desk", "dresser", "monitor",
            "night_stand", "sofa", "table", "toilet");
    /** Per-class counts from the dataset README: {train, test}. */
    private static final Map<String, int[]> COUNTS = Map.of("bathtub", new int[] {106, 50}, "bed", new int[] {515, 100},
            "chair", new int[] {889, 100}, "desk", new int[] {200, 86}, "dresser", new int[] {200, 86},
            "monitor", new int[] {465, 100}, "night_stand", new int[] {200, 86}, "sofa", new int[] {680, 100},
            "table", new int[] {392, 100}, "toilet", new int[] {344, 100});

    @BeforeAll
    static void present() {
        assumeTrue(Files.isDirectory(ROOT), "../shared/data/modelnet10 not present: skipping the real ModelNet10 test");
    }

    @Test
    void splitsClassesAndCounts() throws IOException {
        assertEquals(ModelNetDataset.Layout.POINT_FILES, ModelNetDataset.detectLayout(ROOT));
        ModelNetDataset train = ModelNetDataset.train(ROOT);
        ModelNetDataset test = ModelNetDataset.test(ROOT);
        assertEquals(3991, train.size());
        assertEquals(908, test.size());
        assertEquals(CLASSES, train.classNames());
        assertEquals(CLASSES, test.classNames());
        int[][] counts = new int[2][10];
        for (int i = 0; i < train.size(); i++) {
            counts[0][train.labelOf(i)]++;
            assertEquals(CLASSES.get(train.labelOf(i)), train.idOf(i).substring(0, train.idOf(i).lastIndexOf('_')));
        }
        for (int i = 0; i < test.size(); i++) {
            counts[1][test.labelOf(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(COUNTS.get(CLASSES.get(c))[0], counts[0][c], CLASSES.get(c) + " train");
            assertEquals(COUNTS.get(CLASSES.get(c))[1], counts[1][c], CLASSES.get(c) + " test");
        }
    }

    @Test
    void everySampleIsNormalised() throws IOException {
        for (ModelNetDataset d : List.of(ModelNetDataset.train(ROOT), ModelNetDataset.test(ROOT))) {
            for (int i = 0; i < d.size(); i++) {
                PointCloud c = d.get(i).points();
                assertEquals(1024, c.size(), d.idOf(i));
                double[] m = new double[3];
                for (int p = 0; p < c.size(); p++) {
                    for (int a = 0; a < 3; a++) {
                        m[a] += c.get(p, a);
                    }
                }
                double r = 0;
                for (int p = 0; p < c.size(); p++) {
                    double s = 0;
                    for (int a = 0; a < 3; a++) {
                        s += (double) c.get(p, a) * c.get(p, a);
                    }
                    r = Math.max(r, Math.sqrt(s));
                }
                for (int a = 0; a < 3; a++) {
                    assertEquals(0, m[a] / c.size(), 1e-5, d.idOf(i) + " centroid");
                }
                assertEquals(1, r, 1e-5, d.idOf(i) + " max radius");
            }
        }
    }

    @Test
    void loaderBatchesTheTestSplitWithTheOfficialTestPipeline() throws IOException {
        ModelNetDataset test = ModelNetDataset.builder(ROOT).split(Split.TEST).cache(true).build();
        try (DataLoader loader = DataLoader.builder(test).batchSize(32).transform(DatasetPipelines.modelNetTest(1024)).build()) {
            int seen = 0;
            for (Batch b : loader.epoch(0)) {
                assertEquals(1024, b.numPoints());
                seen += b.size();
            }
            assertEquals(908, seen);
        }
        // Train pipeline on 1024-point shapes: the FPS pool is clamped to 1024, then all 1024 in random order.
        PointCloud t = DatasetPipelines.modelNetTrain(1024).apply(test.get(0).points(), new SplittableRandom(1));
        assertEquals(1024, t.size());
    }
}
