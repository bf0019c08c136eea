package io.recon4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The liblinear SVC on synthetic data. */
@Tag("fast")
class LinearSvmTest {

    /** Gaussian blobs: class c centred at centres[c], noise sd {@code sd}, {@code perClass} samples each. */
    static float[][] blobs(float[][] centres, int perClass, double sd, long seed, int[] labelsOut) {
        Random r = new Random(seed);
        int d = centres[0].length;
        float[][] x = new float[centres.length * perClass][d];
        for (int c = 0; c < centres.length; c++) {
            for (int i = 0; i < perClass; i++) {
                int row = c * perClass + i;
                for (int j = 0; j < d; j++) {
                    x[row][j] = (float) (centres[c][j] + sd * r.nextGaussian());
                }
                labelsOut[row] = c;
            }
        }
        return x;
    }

    @Test
    void separableTwoClassDataIsLearned() {
        // Two classes separated along a direction that does not pass through the origin: needs the intercept.
        float[][] centres = {{3, 3, 0, 0, 0}, {5, 5, 0, 0, 0}};
        int[] yTrain = new int[200];
        int[] yTest = new int[200];
        float[][] train = blobs(centres, 100, 0.3, 1, yTrain);
        float[][] test = blobs(centres, 100, 0.3, 2, yTest);
        LinearSvm svm = LinearSvm.fit(train, yTrain, LinearSvm.Options.sklearn(1.0));
        assertTrue(svm.accuracy(train, yTrain) >= 0.95, "train accuracy " + svm.accuracy(train, yTrain));
        assertTrue(svm.accuracy(test, yTest) >= 0.95, "test accuracy " + svm.accuracy(test, yTest));
        assertEquals(5, svm.dims());
    }

    @Test
    void multiclassOneVsRest() {
        float[][] centres = {{0, 0, 4}, {4, 0, 0}, {0, 4, 0}, {-3, -3, -3}};
        int[] yTrain = new int[4 * 60];
        int[] yTest = new int[4 * 60];
        float[][] train = blobs(centres, 60, 0.7, 3, yTrain);
        float[][] test = blobs(centres, 60, 0.7, 4, yTest);
        LinearSvm svm = LinearSvm.fit(train, yTrain, LinearSvm.Options.official());
        assertEquals(4, svm.labels().length);
        double acc = svm.accuracy(test, yTest);
        assertTrue(acc >= 0.95, "4-class test accuracy " + acc);
        // Each class is recognised, not just the majority of points.
        ConfusionMatrix m = ConfusionMatrix.ofClasses(4);
        m.addAll(yTest, svm.predict(test));
        for (int c = 0; c < 4; c++) {
            assertTrue(m.classAccuracy(c) >= 0.9, "class " + c + ": " + m.classAccuracy(c));
        }
    }

    @Test
    void sameSeedSamePredictions() {
        float[][] centres = {{0, 1}, {1, 0}, {1, 1}};
        int[] y = new int[90];
        float[][] x = blobs(centres, 30, 0.5, 5, y);
        int[] a = LinearSvm.fit(x, y, LinearSvm.Options.official()).predict(x);
        int[] b = LinearSvm.fit(x, y, LinearSvm.Options.official()).predict(x);
        assertArrayEquals(a, b);
    }

    @Test
    void badInputIsNamed() {
        float[][] x = {{1, 2}, {3, 4}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearSvm.fit(x, new int[] {1, 1}, LinearSvm.Options.official()));
        assertTrue(e.getMessage().contains("at least two classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearSvm.fit(new float[][] {{1, 2}, {3}}, new int[] {0, 1}, LinearSvm.Options.official()));
        assertTrue(e.getMessage().contains("row 1 has 1 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearSvm.fit(new float[][] {{1, Float.NaN}, {3, 4}}, new int[] {0, 1}, LinearSvm.Options.official()));
        assertTrue(e.getMessage().contains("row 0 has a non-finite value NaN at column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinearSvm.Options(0, 1e-4, 1000, 0));
    }
}
