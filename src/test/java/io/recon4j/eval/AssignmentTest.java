package io.recon4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AssignmentTest {

    @Test
    void greedyIsNotOptimalButThisIs() {
        // Greedy would give row 0 column 0 (9) and row 1 column 1 (1): 10; the optimum is 8 + 7 = 15.
        double[][] w = {{9, 8}, {7, 1}};
        assertArrayEquals(new int[] {1, 0}, Assignment.maximize(w));
    }

    @Test
    void matchesBruteForceOnRandomMatrices() {
        Random r = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + r.nextInt(5);
            int cols = rows + r.nextInt(3);
            double[][] w = new double[rows][cols];
            for (double[] row : w) {
                for (int j = 0; j < cols; j++) {
                    row[j] = r.nextInt(7) - 3 + r.nextDouble();
                }
            }
            int[] got = Assignment.maximize(w);
            assertEquals(rows, Arrays.stream(got).distinct().count(), "columns not distinct: " + Arrays.toString(got));
            assertEquals(best(w, 0, new boolean[cols]), total(w, got), 1e-9, "trial " + trial);
        }
    }

    @Test
    void refusesMoreRowsThanColumnsAndNonFiniteScores() {
        assertThrows(IllegalArgumentException.class, () -> Assignment.maximize(new double[][] {{1}, {2}}));
        assertThrows(IllegalArgumentException.class, () -> Assignment.maximize(new double[][] {{1, Double.NaN}}));
    }

    private static double total(double[][] w, int[] col) {
        double s = 0;
        for (int i = 0; i < col.length; i++) {
            s += w[i][col[i]];
        }
        return s;
    }

    private static double best(double[][] w, int row, boolean[] used) {
        if (row == w.length) {
            return 0;
        }
        double b = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                b = Math.max(b, w[row][j] + best(w, row + 1, used));
                used[j] = false;
            }
        }
        return b;
    }
}
