package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Fixed 2-D sin-cos position embeddings (MoCo v3 / CAE {@code build_2d_sincos_position_embedding}), never learned.
 *
 * <p>With ω_d = 1 / 10000^(d / (D/4)) for d &lt; D/4, patch m gets [sin(a·ω), cos(a·ω), sin(b·ω), cos(b·ω)],
 * where (a, b) come from the official {@code meshgrid(arange(w), arange(h))} ('ij' order) flattened: a = m / h,
 * b = m mod h. For the square grids used here that is a = row, b = column of patch m = row·w + column (the
 * official names "w" and "h" are swapped with respect to what they encode; the values are what matters).
 * The cls slot gets a zero vector.
 */
final class SinCosPositions {

    private static final double TEMPERATURE = 10000.0;

    private SinCosPositions() {
    }

    /**
     * @param gridH patches per column (h)
     * @param gridW patches per row (w)
     * @param dim D, divisible by 4
     * @return (1 + P) × D values, row-major: row 0 the cls slot (zeros), row 1 + m patch m
     */
    static float[] table(int gridH, int gridW, int dim) {
        if (dim % 4 != 0) {
            throw new IllegalArgumentException("2-D sin-cos positions need a dim divisible by 4, got " + dim);
        }
        int quarter = dim / 4;
        int patches = gridH * gridW;
        float[] out = new float[(patches + 1) * dim];
        for (int m = 0; m < patches; m++) {
            double a = m / gridH;
            double b = m % gridH;
            int row = (m + 1) * dim;
            for (int d = 0; d < quarter; d++) {
                double omega = 1.0 / Math.pow(TEMPERATURE, (double) d / quarter);
                out[row + d] = (float) Math.sin(a * omega);
                out[row + quarter + d] = (float) Math.cos(a * omega);
                out[row + 2 * quarter + d] = (float) Math.sin(b * omega);
                out[row + 3 * quarter + d] = (float) Math.cos(b * omega);
            }
        }
        return out;
    }

    /** @return the table as a constant (1, 1 + P, D) array owned by {@code manager} */
    static NDArray create(NDManager manager, int grid, int dim) {
        return manager.create(table(grid, grid, dim), new Shape(1, (long) grid * grid + 1, dim));
    }
}
