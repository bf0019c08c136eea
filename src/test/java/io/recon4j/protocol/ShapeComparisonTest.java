package io.recon4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon4j.data.DatasetFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-shape predictions of the linear probes, and the paired comparison of two encoders over the same test shapes. */
@Tag("fast")
class ShapeComparisonTest {

    @Test
    void predictionsRoundTripAndSayTheirAccuracy(@TempDir Path dir) throws IOException {
        TestPredictions p = RunFolders.predictions("chair_", RunFolders.rightOn(10, i -> i < 7));
        Path f = dir.resolve(TestPredictions.FILE);
        p.write(f);
        TestPredictions back = TestPredictions.read(f);
        assertEquals(p, back);
        assertEquals(70.0, back.accuracy(TestPredictions.SVM), 1e-9);
        assertEquals(100.0, back.accuracy(TestPredictions.LOGISTIC), 1e-9);
    }

    @Test
    void aBrokenPredictionsFileIsNamedWithWhatIsWrong(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(TestPredictions.FILE);
        Files.writeString(f, "{\"classes\":[\"a\"],\"ids\":[\"x\"],\"labels\":[0],\"svm\":[0]}");
        DatasetFormatException missing = assertThrows(DatasetFormatException.class, () -> TestPredictions.read(f));
        assertTrue(missing.getMessage().contains(f.toString()) && missing.getMessage().contains("logistic"), missing.getMessage());
        Files.writeString(f, "{\"classes\":[\"a\"],\"ids\":[\"x\"],\"labels\":[3],\"svm\":[0],\"logistic\":[0]}");
        DatasetFormatException label = assertThrows(DatasetFormatException.class, () -> TestPredictions.read(f));
        assertTrue(label.getMessage().contains("shape 0 (x) has class 3 in column labels, not one of the 1 classes"), label.getMessage());
        Files.writeString(f, "{\"classes\":");
        assertThrows(DatasetFormatException.class, () -> TestPredictions.read(f));
    }

    @Test
    void shapesArePairedWithinEachSeedAndPooled(@TempDir Path dir) throws IOException {
        int n = 300;
        // Seed 1: A right on 270, B on 240, every shape B gets A gets too (30 shapes only A right).
        Path a1 = RunFolders.svmPredictions(dir.resolve("s1"), "a", RunFolders.predictions("s", RunFolders.rightOn(n, i -> i < 270)));
        Path b1 = RunFolders.svmPredictions(dir.resolve("s1"), "b", RunFolders.predictions("s", RunFolders.rightOn(n, i -> i < 240)));
        // Seed 2: A right on 250, B on 260; they disagree on 10 + 20 shapes.
        Path a2 = RunFolders.svmPredictions(dir.resolve("s2"), "a", RunFolders.predictions("s", RunFolders.rightOn(n, i -> i < 240 || (i >= 260 && i < 270))));
        Path b2 = RunFolders.svmPredictions(dir.resolve("s2"), "b", RunFolders.predictions("s", RunFolders.rightOn(n, i -> i < 260)));
        ShapeComparison c = ShapeComparison.of(List.of(a1, a2), List.of(b1, b2), TestPredictions.SVM, 7);
        assertEquals(2, c.seeds().size());
        assertEquals(30, c.seeds().get(0).onlyA());
        assertEquals(0, c.seeds().get(0).onlyB());
        assertEquals(10, c.seeds().get(1).onlyA());
        assertEquals(20, c.seeds().get(1).onlyB());
        assertEquals(90.0 - 80.0, c.seeds().get(0).comparison().meanDifference(), 1e-9);
        // Pooled over 600 shapes: (270 + 250) - (240 + 260) = 20 shapes = 3.33 points.
        assertEquals(600, c.pooled().n());
        assertEquals(100.0 * 20 / 600, c.pooled().meanDifference(), 1e-9);
        // 40 of the 60 discordant shapes favour A: two-sided McNemar p ≈ 0.013; the sign-flip test agrees within Monte Carlo noise.
        assertTrue(c.pooled().pValue() > 0.005 && c.pooled().pValue() < 0.03, c.pooled().toString());
        String text = c.toText("ReCon", "scratch");
        assertTrue(text.contains("s1: ReCon 90.00 %, scratch 80.00 % (linear SVM); only ReCon right on 30 shapes, only scratch on 0"), text);
        assertTrue(text.contains("ReCon - scratch (linear SVM, per test shape, 2 seeds; ReCon ahead on 1, scratch on 1): +3.33 ["), text);
        assertTrue(text.contains("-> ReCon better"), text);
        // The logistic probe got every shape right in both: no difference.
        ShapeComparison l = ShapeComparison.of(List.of(a1, a2), List.of(b1, b2), TestPredictions.LOGISTIC, 7);
        assertEquals(0.0, l.pooled().meanDifference(), 1e-12);
    }

    @Test
    void runsOnOtherTestShapesOrWithoutPredictionsAreRefused(@TempDir Path dir) throws IOException {
        Path a = RunFolders.svmPredictions(dir, "a", RunFolders.predictions("s", RunFolders.rightOn(6, i -> true)));
        Path b = RunFolders.svmPredictions(dir, "b", RunFolders.predictions("t", RunFolders.rightOn(6, i -> true)));
        IllegalArgumentException ids = assertThrows(IllegalArgumentException.class,
                () -> ShapeComparison.of(List.of(a), List.of(b), TestPredictions.SVM, 1));
        assertTrue(ids.getMessage().contains("test shape 0 is s0 in " + a + " but t0 in " + b), ids.getMessage());
        Path old = Files.createDirectories(dir.resolve("old"));
        Files.writeString(old.resolve("svm.md"), "linear SVM ...: test accuracy 90.00 %\n");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ShapeComparison.of(List.of(a), List.of(old), TestPredictions.SVM, 1));
        assertTrue(none.getMessage().contains(old + " has no predictions.json"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShapeComparison.of(List.of(a, a), List.of(b), TestPredictions.SVM, 1));
    }
}
