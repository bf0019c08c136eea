package io.recon4j.eval;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A logistic-regression probe on frozen features, the usual companion of the linear SVM: features are
 * z-scored with the training split's per-dimension mean and standard deviation, then liblinear's
 * L2-regularised logistic regression (primal, one-vs-rest, as {@code sklearn LogisticRegression(solver="liblinear")})
 * is fitted with C chosen by k-fold cross-validation on the training split only — the test split never tunes it.
 */
public final class LogisticProbe {

    /** The C grid searched by cross-validation: four decades around sklearn's default 1. */
    public static final List<Double> DEFAULT_GRID = List.of(0.01, 0.1, 1.0, 10.0);

    /**
     * @param grid candidate C values (all > 0)
     * @param folds cross-validation folds on the training split (≥ 2)
     * @param seed seed of the fold assignment and of liblinear
     */
    public record Options(List<Double> grid, int folds, long seed) {
        public Options {
            if (grid.isEmpty() || grid.stream().anyMatch(c -> !(c > 0))) {
                throw new IllegalArgumentException("need a non-empty grid of C > 0, got " + grid);
            }
            if (folds < 2) {
                throw new IllegalArgumentException("need at least 2 cross-validation folds, got " + folds);
            }
            grid = List.copyOf(grid);
        }

        /** @return the default grid, 5 folds */
        public static Options defaults(long seed) {
            return new Options(DEFAULT_GRID, 5, seed);
        }
    }

    private final Model model;
    private final float[] mean;
    private final float[] scale;
    private final double c;
    private final double cvAccuracy;

    private LogisticProbe(Model model, float[] mean, float[] scale, double c, double cvAccuracy) {
        this.model = model;
        this.mean = mean;
        this.scale = scale;
        this.c = c;
        this.cvAccuracy = cvAccuracy;
    }

    /**
     * Fits on rows {@code x} (S)(D) with labels {@code y} (S).
     *
     * @throws IllegalArgumentException on empty or ragged input, non-finite values, fewer than two classes, or
     *     fewer rows than folds
     */
    public static LogisticProbe fit(float[][] x, int[] y, Options options) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many labels as rows and at least one row, got " + x.length
                    + " rows and " + y.length + " labels");
        }
        if (Arrays.stream(y).distinct().count() < 2) {
            throw new IllegalArgumentException("a logistic probe needs at least two classes, all " + y.length
                    + " samples have label " + y[0]);
        }
        if (x.length < options.folds()) {
            throw new IllegalArgumentException(options.folds() + "-fold cross-validation needs at least as many rows, got "
                    + x.length);
        }
        int dims = x[0].length;
        float[] mean = new float[dims];
        float[] scale = new float[dims];
        standardisation(x, dims, mean, scale);
        Problem p = new Problem();
        p.l = x.length;
        p.n = dims + 1;
        p.bias = 1.0;
        p.x = new Feature[x.length][];
        p.y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p.x[i] = features(x[i], mean, scale, "row " + i);
            p.y[i] = y[i];
        }
        Linear.disableDebugOutput();
        double bestC = options.grid().get(0);
        double bestAcc = -1;
        for (double c : options.grid()) {
            Linear.resetRandom(); // the same folds for every C: only C differs between candidates
            Parameter param = parameter(c, options.seed());
            double[] target = new double[x.length];
            Linear.crossValidation(p, param, options.folds(), target);
            int ok = 0;
            for (int i = 0; i < target.length; i++) {
                ok += target[i] == p.y[i] ? 1 : 0;
            }
            double acc = (double) ok / x.length;
            if (acc > bestAcc) { // ties keep the smaller C: the stronger regularisation
                bestAcc = acc;
                bestC = c;
            }
        }
        return new LogisticProbe(Linear.train(p, parameter(bestC, options.seed())), mean, scale, bestC, bestAcc);
    }

    private static Parameter parameter(double c, long seed) {
        Parameter param = new Parameter(SolverType.L2R_LR, c, 0.01, 1000, 0.1);
        param.setRandom(new Random(seed));
        return param;
    }

    /** Per-dimension mean and 1/std (1 where a dimension is constant, so it only shifts). */
    private static void standardisation(float[][] x, int dims, float[] mean, float[] scale) {
        double[] sum = new double[dims];
        double[] sq = new double[dims];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != dims) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, the first row has " + dims);
            }
            for (int j = 0; j < dims; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("row " + i + " has a non-finite value " + x[i][j] + " at column " + j);
                }
                sum[j] += x[i][j];
                sq[j] += (double) x[i][j] * x[i][j];
            }
        }
        for (int j = 0; j < dims; j++) {
            double m = sum[j] / x.length;
            double var = Math.max(0, sq[j] / x.length - m * m);
            mean[j] = (float) m;
            scale[j] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 1f;
        }
    }

    private static Feature[] features(float[] row, float[] mean, float[] scale, String where) {
        int dims = mean.length;
        if (row.length != dims) {
            throw new IllegalArgumentException(where + " has " + row.length + " values, the probe was fitted on " + dims);
        }
        Feature[] f = new Feature[dims + 1];
        for (int j = 0; j < dims; j++) {
            if (!Float.isFinite(row[j])) {
                throw new IllegalArgumentException(where + " has a non-finite value " + row[j] + " at column " + j);
            }
            f[j] = new FeatureNode(j + 1, (row[j] - mean[j]) * scale[j]);
        }
        f[dims] = new FeatureNode(dims + 1, 1.0);
        return f;
    }

    /** @return the predicted label of every row */
    public int[] predict(float[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = (int) Linear.predict(model, features(rows[i], mean, scale, "row " + i));
        }
        return out;
    }

    /** @return the C chosen by cross-validation */
    public double c() {
        return c;
    }

    /** @return the cross-validated training accuracy of the chosen C, in [0, 1] */
    public double cvAccuracy() {
        return cvAccuracy;
    }
}
