package io.recon4j.eval;

import java.util.Arrays;

/**
 * The assignment problem, solved exactly by the Hungarian algorithm (shortest augmenting paths with potentials,
 * O(R²·C)): each row gets a distinct column so that the summed score is the largest.
 */
public final class Assignment {

    private Assignment() {
    }

    /**
     * @param score (R, C) finite scores, R ≤ C
     * @return for each row its column; distinct columns; the sum of {@code score[r][col[r]]} is maximal
     */
    public static int[] maximize(double[][] score) {
        int rows = score.length;
        int cols = rows == 0 ? 0 : score[0].length;
        if (rows > cols) {
            throw new IllegalArgumentException(rows + " rows cannot take distinct columns among " + cols);
        }
        for (double[] row : score) {
            if (row.length != cols) {
                throw new IllegalArgumentException("ragged score matrix: rows of " + cols + " and " + row.length);
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("non-finite score " + v);
                }
            }
        }
        // 1-based potentials u (rows), v (columns); match[j] is the row holding column j (0: free).
        double[] u = new double[rows + 1];
        double[] v = new double[cols + 1];
        int[] match = new int[cols + 1];
        int[] way = new int[cols + 1];
        for (int i = 1; i <= rows; i++) {
            match[0] = i;
            int j0 = 0;
            double[] minv = new double[cols + 1];
            boolean[] used = new boolean[cols + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            do {
                used[j0] = true;
                int i0 = match[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= cols; j++) {
                    if (!used[j]) {
                        double cur = -score[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= cols; j++) {
                    if (used[j]) {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (match[j0] != 0);
            do {
                int j1 = way[j0];
                match[j0] = match[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] out = new int[rows];
        for (int j = 1; j <= cols; j++) {
            if (match[j] != 0) {
                out[match[j] - 1] = j - 1;
            }
        }
        return out;
    }
}
