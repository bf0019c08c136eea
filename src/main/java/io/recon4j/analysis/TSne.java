package io.recon4j.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exact t-SNE (van der Maaten &amp; Hinton, "Visualizing Data using t-SNE", JMLR 2008), written from the paper's
 * description: Gaussian conditionals P(j|i) with a per-point precision found by binary search to a target
 * perplexity, symmetrised p_ij = (P(j|i) + P(i|j)) / 2n; Student-t (one degree of freedom) similarities q_ij in the
 * map; gradient descent on KL(P‖Q) with momentum (0.5 for the first 250 iterations, then 0.8), Jacobs' adaptive
 * gains, and early exaggeration (p_ij × 4 for the first 50 iterations). O(N²) per iteration: for the few thousand
 * points of an analysis figure.
 *
 * <p>Written here because no kept, Apache-2.0-compatible JVM library offers it (README, dependencies). Deterministic
 * for a seed: the only randomness is the initial map, N(0, 10⁻⁴).
 *
 * <p>Axis letters: N points, D input dimensions; the map is 2-D.
 */
public final class TSne {

    /**
     * What a run produced.
     *
     * @param map (N, 2) row-major map coordinates
     * @param klIterations after which iterations the KL was measured (every {@value #KL_EVERY}, and the last)
     * @param kl KL(P‖Q) of the un-exaggerated P at those iterations
     */
    public record Result(float[] map, int[] klIterations, double[] kl) {
        /** @return KL(P‖Q) after the last iteration */
        public double finalKl() {
            return kl[kl.length - 1];
        }
    }

    private final double perplexity;
    private final int iterations;
    private final double learningRate;
    private final long seed;

    private static final int EXAGGERATION_ITERATIONS = 50;
    private static final double EXAGGERATION = 4;
    private static final int MOMENTUM_SWITCH = 250;
    private static final double MIN_GAIN = 0.01;
    private static final double TINY = 1e-12;
    /** The KL costs a logarithm per pair: measured every this many iterations. */
    static final int KL_EVERY = 10;

    private TSne(Builder b) {
        this.perplexity = b.perplexity;
        this.iterations = b.iterations;
        this.learningRate = b.learningRate;
        this.seed = b.seed;
    }

    /** @return a builder with the paper's defaults (perplexity 30, 1,000 iterations, learning rate 100, seed 0) */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a run; {@link #build()} checks them. */
    public static final class Builder {
        private double perplexity = 30;
        private int iterations = 1000;
        private double learningRate = 100;
        private long seed;

        private Builder() {
        }

        /** @param p effective number of neighbours, typically 5–50 */
        public Builder optPerplexity(double p) {
            this.perplexity = p;
            return this;
        }

        /** @param n gradient-descent iterations (the paper: 1,000) */
        public Builder optIterations(int n) {
            this.iterations = n;
            return this;
        }

        /** @param lr gradient step size (the paper: 100) */
        public Builder optLearningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** @param s seed of the initial map */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /** @return the configured t-SNE */
        public TSne build() {
            if (!(perplexity > 1) || iterations <= EXAGGERATION_ITERATIONS || !(learningRate > 0)) {
                throw new IllegalArgumentException("t-SNE needs perplexity > 1, more than " + EXAGGERATION_ITERATIONS
                        + " iterations and a positive learning rate, got " + perplexity + ", " + iterations + ", " + learningRate);
            }
            return new TSne(this);
        }
    }

    /**
     * @param x (N, D) row-major points
     * @param n N
     * @param d D
     * @return the 2-D map and the KL history
     * @throws IllegalArgumentException if N is not above 3·perplexity (too few neighbours) or x is not N·D long
     */
    public Result embed(float[] x, int n, int d) {
        if (x.length != (long) n * d) {
            throw new IllegalArgumentException("expected " + n + "×" + d + " values, got " + x.length);
        }
        if (n <= 3 * perplexity) {
            throw new IllegalArgumentException("t-SNE with perplexity " + perplexity + " needs more than "
                    + (int) (3 * perplexity) + " points, got " + n);
        }
        double[] p = jointProbabilities(squaredDistances(x, n, d), n);
        double[] y = new double[2 * n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < y.length; i++) {
            y[i] = 1e-2 * gaussian(rng);
        }
        double[] update = new double[2 * n];
        double[] gains = new double[2 * n];
        Arrays.fill(gains, 1);
        double[] grad = new double[2 * n];
        double[] num = new double[n * n];
        int measures = (iterations + KL_EVERY - 1) / KL_EVERY;
        int[] klIterations = new int[measures];
        double[] kl = new double[measures];
        for (int t = 0; t < iterations; t++) {
            double exaggeration = t < EXAGGERATION_ITERATIONS ? EXAGGERATION : 1;
            double momentum = t < MOMENTUM_SWITCH ? 0.5 : 0.8;
            gradient(p, y, n, exaggeration, num, grad);
            for (int k = 0; k < 2 * n; k++) {
                // Jacobs (1988): grow the gain where the gradient keeps pushing against the step, shrink it otherwise.
                gains[k] = (grad[k] > 0) != (update[k] > 0) ? gains[k] + 0.2 : gains[k] * 0.8;
                gains[k] = Math.max(gains[k], MIN_GAIN);
                update[k] = momentum * update[k] - learningRate * gains[k] * grad[k];
                y[k] += update[k];
            }
            centre(y, n);
            if ((t + 1) % KL_EVERY == 0 || t == iterations - 1) {
                int slot = t / KL_EVERY;
                klIterations[slot] = t + 1;
                kl[slot] = kl(p, y, n, num);
            }
        }
        float[] map = new float[2 * n];
        for (int k = 0; k < map.length; k++) {
            map[k] = (float) y[k];
        }
        return new Result(map, klIterations, kl);
    }

    /** @return (N, N) squared Euclidean distances */
    static double[] squaredDistances(float[] x, int n, int d) {
        double[] dist = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = x[i * d + c] - x[j * d + c];
                    s += diff * diff;
                }
                dist[i * n + j] = s;
                dist[j * n + i] = s;
            }
        }
        return dist;
    }

    /**
     * The symmetrised joint probabilities p_ij = (P(j|i) + P(i|j)) / 2N, each conditional at the target perplexity.
     *
     * @param dist (N, N) squared distances
     * @return (N, N) p, summing to 1, zero on the diagonal
     */
    double[] jointProbabilities(double[] dist, int n) {
        double[] cond = new double[n * n];
        double target = Math.log(perplexity);
        for (int i = 0; i < n; i++) {
            conditional(dist, i, n, target, cond);
        }
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i * n + j] = i == j ? 0 : Math.max((cond[i * n + j] + cond[j * n + i]) / (2.0 * n), TINY);
            }
        }
        return p;
    }

    /** Row i of P(j|i): binary search on the precision β = 1/2σ² until the entropy is ln(perplexity). */
    private static void conditional(double[] dist, int i, int n, double targetEntropy, double[] cond) {
        // Distances relative to the nearest neighbour keep exp() in range for any scale of the features.
        double nearest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                nearest = Math.min(nearest, dist[i * n + j]);
            }
        }
        double beta = 1;
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double mean = 0;
        for (int j = 0; j < n; j++) {
            mean += dist[i * n + j] / (n - 1);
        }
        if (mean - nearest > 0) {
            beta = 1 / (mean - nearest);
        }
        for (int step = 0; step < 100; step++) {
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    cond[i * n + j] = 0;
                    continue;
                }
                double dj = dist[i * n + j] - nearest;
                double w = Math.exp(-beta * dj);
                cond[i * n + j] = w;
                sum += w;
                weighted += w * dj;
            }
            // H = ln Σw + β Σ w·d / Σw (natural log; the perplexity is e^H)
            double entropy = Math.log(sum) + beta * weighted / sum;
            for (int j = 0; j < n; j++) {
                cond[i * n + j] /= sum;
            }
            double diff = entropy - targetEntropy;
            if (Math.abs(diff) < 1e-5) {
                break;
            }
            if (diff > 0) { // too flat: sharpen
                lo = beta;
                beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
            } else {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }
    }

    /** The KL gradient dC/dy_i = 4 Σ_j (α·p_ij − q_ij)(y_i − y_j)(1 + ‖y_i − y_j‖²)⁻¹ into {@code grad}; α exaggerates p. */
    private static void gradient(double[] p, double[] y, int n, double exaggeration, double[] num, double[] grad) {
        double z = studentT(y, n, num);
        Arrays.fill(grad, 0);
        for (int i = 0; i < n; i++) {
            double gx = 0;
            double gy = 0;
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double m = (exaggeration * p[i * n + j] - Math.max(num[i * n + j] / z, TINY)) * num[i * n + j];
                gx += m * (y[2 * i] - y[2 * j]);
                gy += m * (y[2 * i + 1] - y[2 * j + 1]);
            }
            grad[2 * i] = 4 * gx;
            grad[2 * i + 1] = 4 * gy;
        }
    }

    /** @return KL(P‖Q) = Σ p_ij ln(p_ij / q_ij) of the map y */
    static double kl(double[] p, double[] y, int n, double[] num) {
        double z = studentT(y, n, num);
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double pij = p[i * n + j];
                    kl += pij * Math.log(pij / Math.max(num[i * n + j] / z, TINY));
                }
            }
        }
        return kl;
    }

    /** Fills num with (1 + ‖y_i − y_j‖²)⁻¹ (zero diagonal); @return Z, their sum over i ≠ j */
    private static double studentT(double[] y, int n, double[] num) {
        double z = 0;
        for (int i = 0; i < n; i++) {
            num[i * n + i] = 0;
            for (int j = i + 1; j < n; j++) {
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double v = 1 / (1 + dx * dx + dy * dy);
                num[i * n + j] = v;
                num[j * n + i] = v;
                z += 2 * v;
            }
        }
        return z;
    }

    private static void centre(double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += y[2 * i];
            my += y[2 * i + 1];
        }
        for (int i = 0; i < n; i++) {
            y[2 * i] -= mx / n;
            y[2 * i + 1] -= my / n;
        }
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
