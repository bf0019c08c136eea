package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.cloud.PointCloud;
import io.recon4j.data.DatasetFormatException;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.data.Sample;
import io.recon4j.eval.CloudFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-shape predictions of a fine-tuned model's test, their file in both forms, and test runs compared shape by shape. */
@Tag("fast")
class TestPredictionsTest {

    private static final int[] LABELS = {0, 1, 0, 1, 1, 2, 2, 0};

    /** Random clouds of 64 points labelled {@link #LABELS}, ids {@code shape_i}. */
    private static PointCloudDataset dataset() {
        return new PointCloudDataset() {
            @Override
            public int size() {
                return LABELS.length;
            }

            @Override
            public Sample get(int index) {
                Random r = new Random(index);
                float[] xyz = new float[64 * 3];
                for (int i = 0; i < xyz.length; i++) {
                    xyz[i] = (float) r.nextGaussian();
                }
                return new Sample(new PointCloud(xyz), LABELS[index], "shape_" + index);
            }

            @Override
            public List<String> classNames() {
                return List.of("bed", "chair", "desk");
            }

            @Override
            public String name() {
                return "fake";
            }
        };
    }

    /** Says class {@code c} for every cloud except where the cloud's first point is far from the centre, then c + 1. */
    private static CloudFunction model(int c) {
        return new CloudFunction() {
            @Override
            public int width() {
                return 3;
            }

            @Override
            public float[] apply(float[] points, int batch, int numPoints) {
                float[] logits = new float[batch * 3];
                for (int b = 0; b < batch; b++) {
                    int o = b * numPoints * 3;
                    double r = Math.sqrt(points[o] * points[o] + points[o + 1] * points[o + 1] + points[o + 2] * points[o + 2]);
                    logits[b * 3 + (r > 0.8 ? (c + 1) % 3 : c)] = 1;
                }
                return logits;
            }
        };
    }

    private static VotingTest.Result test(int c, int passes) throws IOException {
        return VotingTest.run(model(c), dataset(), 32, "fake.pth", new VotingTest.Options(3, passes, 2, 4, 5, null));
    }

    @Test
    void aTestKeepsEachShapesPredictionByThePlainAndEachHonestVotingPass() throws IOException {
        VotingTest.Result r = test(0, 2);
        TestPredictions p = r.predictions();
        assertEquals(List.of("plain", "vote", "vote-2"), p.columns(), "the best-of passes, selected on the test set, are left out");
        assertEquals(List.of("shape_0", "shape_1", "shape_2", "shape_3", "shape_4", "shape_5", "shape_6", "shape_7"), p.ids());
        assertArrayEquals(LABELS, p.labels());
        assertEquals(r.plain().accuracy(), p.accuracy(TestPredictions.PLAIN), 1e-9);
        assertEquals(r.voting().passes().get(0).evaluation().accuracy(), p.accuracy(TestPredictions.VOTE), 1e-9);
        assertEquals(r.voting().passes().get(1).evaluation().accuracy(), p.accuracy("vote-2"), 1e-9);
        for (int[] column : p.predictions().values()) {
            for (int k : column) {
                assertTrue(k == 0 || k == 1, "the model only says 0 or 1");
            }
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> p.accuracy("svm"));
        assertTrue(none.getMessage().contains("no predictions column 'svm'; there are [plain, vote, vote-2]"), none.getMessage());
        assertEquals(List.of("plain"), test(0, 0).predictions().columns(), "no voting pass, no voting column");
    }

    @Test
    void theFileRoundTripsAndItsFirstFormIsStillRead(@TempDir Path dir) throws IOException {
        TestPredictions p = test(1, 1).predictions();
        Path f = dir.resolve(TestPredictions.FILE);
        p.write(f);
        assertEquals(p, TestPredictions.read(f));
        // An SVM run of 2026-12-04 wrote its two probes at the top level.
        Files.writeString(f, "{\"classes\":[\"a\",\"b\"],\"ids\":[\"x\",\"y\"],\"labels\":[0,1],\"svm\":[0,0],\"logistic\":[0,1]}");
        TestPredictions old = TestPredictions.read(f);
        assertEquals(List.of("svm", "logistic"), old.columns());
        assertEquals(50.0, old.accuracy(TestPredictions.SVM), 1e-9);
        assertEquals(100.0, old.accuracy(TestPredictions.LOGISTIC), 1e-9);
        Files.writeString(f, "{\"classes\":[\"a\"],\"ids\":[\"x\"],\"labels\":[0],\"predictions\":{}}");
        DatasetFormatException empty = assertThrows(DatasetFormatException.class, () -> TestPredictions.read(f));
        assertTrue(empty.getMessage().contains(f.toString()) && empty.getMessage().contains("no column"), empty.getMessage());
        Files.writeString(f, "{\"classes\":[\"a\"],\"ids\":[\"x\"],\"labels\":[0],\"predictions\":{\"plain\":[0,0]}}");
        DatasetFormatException length = assertThrows(DatasetFormatException.class, () -> TestPredictions.read(f));
        assertTrue(length.getMessage().contains("column plain has 2 entries for 1 test shapes"), length.getMessage());
    }

    @Test
    void twoModelsTestsAreComparedShapeByShapeOnAColumn(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("s2/test-a"));
        Path b = Files.createDirectories(dir.resolve("s2/test-b"));
        TestPredictions pa = test(0, 1).predictions();
        TestPredictions pb = test(1, 1).predictions();
        pa.write(a.resolve(TestPredictions.FILE));
        pb.write(b.resolve(TestPredictions.FILE));
        for (String column : new String[] {TestPredictions.PLAIN, TestPredictions.VOTE}) {
            ShapeComparison c = ShapeComparison.of(List.of(a), List.of(b), column, 3);
            assertEquals(pa.accuracy(column) - pb.accuracy(column), c.pooled().meanDifference(), 1e-9);
            assertTrue(c.toText("A", "B").contains("A - B (" + TestPredictions.describe(column) + ", per test shape, 1 seed;"),
                    c.toText("A", "B"));
        }
        assertEquals(TestPredictions.PLAIN, ShapeComparison.of(List.of(a), List.of(b), null, 3).column(), "the first column by default");
        IllegalArgumentException svm = assertThrows(IllegalArgumentException.class,
                () -> ShapeComparison.of(List.of(a), List.of(b), TestPredictions.SVM, 3));
        assertTrue(svm.getMessage().startsWith(a + ": no predictions column 'svm'"), svm.getMessage());
    }
}
