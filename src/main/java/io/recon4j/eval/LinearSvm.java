package io.recon4j.eval;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.Objects;
import java.util.Random;

/**
 * A linear support-vector classifier as {@code sklearn.svm.LinearSVC} trains it: liblinear's
 * L2-regularised squared-hinge (L2-loss) SVC solved in the dual, one-vs-rest for more than two classes,
 * with an intercept realised as a constant feature 1 that is regularised too ({@code fit_intercept=True,
 * intercept_scaling=1}). Features are used as given (the official runner standardises nothing).
 */
public final class LinearSvm {

    /**
     * @param c regularisation C (the official ReCon runner uses 0.075; sklearn's default is 1)
     * @param tol stopping tolerance (sklearn {@code tol}, 1e-4)
     * @param maxIter iteration limit of the solver (sklearn {@code max_iter}, 1000)
     * @param seed seed of liblinear's coordinate shuffling
     */
    public record Options(double c, double tol, int maxIter, long seed) {
        public Options {
            if (!(c > 0) || !(tol > 0) || maxIter <= 0) {
                throw new IllegalArgumentException("need C > 0, tol > 0 and maxIter > 0, got " + c + ", " + tol + ", " + maxIter);
            }
        }

        /** @return sklearn's {@code LinearSVC(C=c)} defaults: tol 1e-4, max_iter 1000 */
        public static Options sklearn(double c) {
            return new Options(c, 1e-4, 1000, 0);
        }

        /** @return the official ReCon runner's {@code LinearSVC(C=0.075)} */
        public static Options official() {
            return sklearn(0.075);
        }
    }

    private static final double BIAS = 1.0;

    private final Model model;
    private final int dims;

    private LinearSvm(Model model, int dims) {
        this.model = model;
        this.dims = dims;
    }

    /**
     * Trains on rows {@code x} (S)(D) with labels {@code y} (S).
     *
     * @throws IllegalArgumentException on empty input, ragged rows, non-finite values or fewer than two classes
     */
    public static LinearSvm fit(float[][] x, int[] y, Options options) {
        Objects.requireNonNull(options, "options");
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many labels as rows and at least one row, got " + x.length
                    + " rows and " + y.length + " labels");
        }
        int dims = x[0].length;
        if (java.util.Arrays.stream(y).distinct().count() < 2) {
            throw new IllegalArgumentException("a linear SVM needs at least two classes, all " + y.length
                    + " samples have label " + y[0]);
        }
        Problem p = new Problem();
        p.l = x.length;
        p.n = dims + 1;
        p.bias = BIAS;
        p.x = new Feature[x.length][];
        p.y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p.x[i] = features(x[i], dims, "row " + i);
            p.y[i] = y[i];
        }
        Parameter param = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, options.c(), options.tol(), options.maxIter(), 0.1);
        param.setRandom(new Random(options.seed()));
        Linear.disableDebugOutput();
        return new LinearSvm(Linear.train(p, param), dims);
    }

    /** @return the features of one row plus the intercept feature, 1-based indices as liblinear wants */
    private static Feature[] features(float[] row, int dims, String where) {
        if (row.length != dims) {
            throw new IllegalArgumentException(where + " has " + row.length + " values, the first row has " + dims);
        }
        Feature[] f = new Feature[dims + 1];
        for (int j = 0; j < dims; j++) {
            if (!Float.isFinite(row[j])) {
                throw new IllegalArgumentException(where + " has a non-finite value " + row[j] + " at column " + j);
            }
            f[j] = new FeatureNode(j + 1, row[j]);
        }
        f[dims] = new FeatureNode(dims + 1, BIAS);
        return f;
    }

    /** @return the predicted label of one row */
    public int predict(float[] row) {
        return (int) Linear.predict(model, features(row, dims, "input"));
    }

    /** @return the predicted label of every row */
    public int[] predict(float[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i]);
        }
        return out;
    }

    /** @return the fraction of rows predicted as their label */
    public double accuracy(float[][] rows, int[] labels) {
        int[] p = predict(rows);
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            ok += p[i] == labels[i] ? 1 : 0;
        }
        return rows.length == 0 ? Double.NaN : (double) ok / rows.length;
    }

    /** @return D, the feature width */
    public int dims() {
        return dims;
    }

    /** @return the classes seen in training, in liblinear's order */
    public int[] labels() {
        return model.getLabels().clone();
    }
}
