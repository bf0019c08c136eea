package io.recon4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The logistic-regression probe on synthetic data. */
@Tag("fast")
class LogisticProbeTest {

    private static double accuracy(int[] pred, int[] y) {
        int ok = 0;
        for (int i = 0; i < y.length; i++) {
            ok += pred[i] == y[i] ? 1 : 0;
        }
        return (double) ok / y.length;
    }

    @Test
    void threeBlobsAreSeparated() {
        float[][] centres = {{0, 0, 5}, {3, 0, 5}, {0, 3, 5}};
        int[] yTrain = new int[300];
        int[] yTest = new int[300];
        float[][] train = LinearSvmTest.blobs(centres, 100, 0.5, 1, yTrain);
        float[][] test = LinearSvmTest.blobs(centres, 100, 0.5, 2, yTest);
        LogisticProbe probe = LogisticProbe.fit(train, yTrain, LogisticProbe.Options.defaults(0));
        assertTrue(accuracy(probe.predict(test), yTest) > 0.95, "test accuracy " + accuracy(probe.predict(test), yTest));
        assertTrue(probe.cvAccuracy() > 0.9 && probe.cvAccuracy() <= 1, "cv accuracy " + probe.cvAccuracy());
        assertTrue(LogisticProbe.DEFAULT_GRID.contains(probe.c()));
    }

    @Test
    void standardisationMakesItBlindToFeatureUnits() {
        // The informative column is tiny (1e-4 units) next to a large noise column: without z-scoring the L2
        // penalty would need an enormous weight on it; with z-scoring, rescaling a column changes nothing.
        float[][] centres = {{0, 0}, {2, 0}};
        int[] y = new int[200];
        float[][] x = LinearSvmTest.blobs(centres, 100, 0.4, 3, y);
        float[][] scaled = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            scaled[i] = new float[] {x[i][0] * 1e-4f, x[i][1] * 1e3f};
        }
        LogisticProbe.Options o = new LogisticProbe.Options(List.of(0.01, 1.0), 4, 5);
        int[] a = LogisticProbe.fit(x, y, o).predict(x);
        int[] b = LogisticProbe.fit(scaled, y, o).predict(scaled);
        assertTrue(accuracy(b, y) > 0.9, "accuracy on rescaled features " + accuracy(b, y));
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            differ += a[i] != b[i] ? 1 : 0;
        }
        assertTrue(differ <= 2, differ + " predictions changed with the units");
    }

    @Test
    void crossValidationPicksAStrongerPenaltyForNoise() {
        // Labels independent of 50 noise features: a weak penalty overfits the training split, so CV must not
        // prefer the largest C; and the choice must be deterministic for a seed.
        java.util.Random r = new java.util.Random(9);
        float[][] x = new float[60][50];
        int[] y = new int[60];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 50; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i] = i % 2;
        }
        LogisticProbe.Options o = new LogisticProbe.Options(List.of(1e-4, 1e3), 5, 1);
        LogisticProbe p1 = LogisticProbe.fit(x, y, o);
        LogisticProbe p2 = LogisticProbe.fit(x, y, o);
        assertEquals(p1.c(), p2.c());
        assertArrayEquals(p1.predict(x), p2.predict(x));
        assertTrue(p1.cvAccuracy() < 0.75, "cv accuracy on noise " + p1.cvAccuracy());
    }

    @Test
    void badInputIsRefusedClearly() {
        float[][] x = {{1, 2}, {3, 4}, {5, 6}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticProbe.fit(x, new int[] {1, 1, 1}, new LogisticProbe.Options(List.of(1.0), 2, 0)));
        assertTrue(e.getMessage().contains("two classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LogisticProbe.fit(new float[][] {{1, 2}, {3, Float.NaN}}, new int[] {0, 1}, new LogisticProbe.Options(List.of(1.0), 2, 0)));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("column 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LogisticProbe.fit(x, new int[] {0, 1, 0},
                LogisticProbe.Options.defaults(0)));
        assertTrue(e.getMessage().contains("5-fold"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LogisticProbe.Options(List.of(-1.0), 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new LogisticProbe.Options(List.of(1.0), 1, 0));
    }
}
