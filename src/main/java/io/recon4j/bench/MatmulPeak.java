package io.recon4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The fp32 matmul peak of this process: an n×n by n×n GEMM through DJL, the reference for "% of peak". */
final class MatmulPeak {

    /** The peer's reference size. */
    static final int DEFAULT_SIZE = 2048;

    /**
     * @param median median GFLOP/s over the timed repetitions
     * @param best best GFLOP/s
     */
    record Result(double median, double best) {
    }

    private MatmulPeak() {
    }

    /**
     * @param parent manager for the operands (released before returning)
     * @param n matrix size
     * @param warmup untimed repetitions
     * @param reps timed repetitions (≥ 1)
     * @return GFLOP/s (2n³ per product)
     */
    static Result measure(NDManager parent, int n, int warmup, int reps) {
        try (NDManager m = parent.newSubManager()) {
            NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
            NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n), DataType.FLOAT32);
            double flop = 2.0 * n * n * n;
            double[] gflops = new double[reps];
            for (int i = -warmup; i < reps; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0); // CPU kernels are synchronous; the read keeps that true on any device
                long t = System.nanoTime() - t0;
                c.close();
                if (i >= 0) {
                    gflops[i] = flop / t;
                }
            }
            return new Result(Stats.median(gflops), Stats.max(gflops));
        }
    }
}
