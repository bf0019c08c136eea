package io.recon4j.protocol;

import io.recon4j.data.DatasetPipelines;
import io.recon4j.data.PointCloudDataset;
import io.recon4j.eval.CloudFunction;
import io.recon4j.eval.ConfusionMatrix;
import io.recon4j.eval.Evaluator;
import io.recon4j.eval.LinearSvm;
import io.recon4j.eval.LogisticProbe;
import io.recon4j.eval.Outputs;
import java.util.Locale;

/**
 * The linear-SVM protocol ({@code tools/runner_svm.py}): a frozen encoder in eval mode embeds the train
 * and test splits (plain FPS to npoints, no augmentation) with the official SVM feature
 * ([max over the 3 queries, max + mean over the locals], 2C), a {@link LinearSvm} is fitted on the
 * train features and scored on the test features. A {@link LogisticProbe} on the same features (not in the
 * official runner) is reported beside it for comparison.
 */
public final class SvmProtocol {

    private SvmProtocol() {
    }

    /**
     * @param accuracy test accuracy in percent
     * @param matrix test confusion matrix
     * @param trainSize train samples
     * @param testSize test samples
     * @param dims feature width D
     * @param featureSeconds time spent embedding
     * @param fitSeconds time spent fitting the SVM
     * @param logistic the logistic-regression probe on the same features
     * @param options the SVM options
     * @param predictions both probes' prediction for each test shape (for per-shape paired comparisons)
     */
    public record Result(double accuracy, ConfusionMatrix matrix, int trainSize, int testSize, int dims, double featureSeconds,
                         double fitSeconds, Logistic logistic, LinearSvm.Options options, TestPredictions predictions) {

        /** @return the SVM's one-line summary */
        public String svmLine() {
            return String.format(Locale.ROOT, "linear SVM (C=%s, squared hinge, dual, one-vs-rest) on %d-d frozen features: "
                    + "test accuracy %.2f %% (mAcc %.2f %%; %d train, %d test; embedding %.1f s, fit %.1f s)", options.c(), dims,
                    accuracy, 100 * matrix.meanClassAccuracy(), trainSize, testSize, featureSeconds, fitSeconds);
        }

        /** @return the logistic probe's one-line summary */
        public String logisticLine() {
            return String.format(Locale.ROOT, "logistic-regression probe (z-scored features, C=%s by 5-fold CV on train,"
                    + " CV %.2f %%): test accuracy %.2f %%", logistic.c(), logistic.cvAccuracy(), logistic.accuracy());
        }

        /**
         * @param encoder what was embedded (a checkpoint, or a random initialisation)
         * @return svm.md: both summaries and the SVM's per-class table
         */
        public String toMarkdown(String encoder) {
            return "# Linear SVM\n\nEncoder: " + encoder + "\n\n" + svmLine() + "\n\n" + logisticLine() + "\n\n" + matrix.toMarkdown();
        }
    }

    /** The SVM line of {@link Result#svmLine()}, as written in svm.md. */
    private static final java.util.regex.Pattern SVM_LINE =
            java.util.regex.Pattern.compile("^linear SVM .*?: test accuracy ([0-9.]+) %", java.util.regex.Pattern.MULTILINE);

    /** The logistic probe's line of {@link Result#logisticLine()}, as written in svm.md. */
    private static final java.util.regex.Pattern LOGISTIC_LINE = java.util.regex.Pattern.compile(
            "^logistic-regression probe .*?: test accuracy ([0-9.]+) %", java.util.regex.Pattern.MULTILINE);

    /**
     * Reads back the logistic probe's test accuracy from a report written by {@link Result#toMarkdown(String)}.
     *
     * @param svmMd an svm.md file
     * @return the probe's test accuracy in percent, NaN when the report has no probe line (a run without the probe)
     * @throws java.io.IOException when the file cannot be read
     */
    public static double readLogisticAccuracy(java.nio.file.Path svmMd) throws java.io.IOException {
        java.util.regex.Matcher m = LOGISTIC_LINE.matcher(java.nio.file.Files.readString(svmMd));
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /**
     * Reads back the SVM's test accuracy from a report written by {@link Result#toMarkdown(String)}.
     *
     * @param svmMd an svm.md file
     * @return the linear SVM's test accuracy in percent
     * @throws io.recon4j.data.DatasetFormatException when the file has no SVM line
     * @throws java.io.IOException when the file cannot be read
     */
    public static double readAccuracy(java.nio.file.Path svmMd) throws java.io.IOException {
        java.util.regex.Matcher m = SVM_LINE.matcher(java.nio.file.Files.readString(svmMd));
        if (!m.find()) {
            throw new io.recon4j.data.DatasetFormatException(svmMd, "whole file",
                    "no line \"linear SVM ...: test accuracy X %\" (is it a report of recon svm?)", null);
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * @param accuracy test accuracy in percent
     * @param c the C chosen by cross-validation on the training split
     * @param cvAccuracy that C's cross-validated training accuracy in percent
     */
    public record Logistic(double accuracy, double c, double cvAccuracy) {
    }

    /**
     * @param features the frozen encoder's SVM feature (see {@link io.recon4j.eval.ModelClassifier#svmFeatures()})
     * @param train split to fit on
     * @param test split to score
     * @param npoints points per cloud after FPS
     * @param batchSize embedding batch size
     * @param options SVM options
     * @throws java.io.IOException when a test shape's id cannot be read
     */
    public static Result run(CloudFunction features, PointCloudDataset train, PointCloudDataset test, int npoints, int batchSize,
                             LinearSvm.Options options) throws java.io.IOException {
        long t0 = System.nanoTime();
        Outputs tr = Evaluator.collect(features, train, DatasetPipelines.modelNetTest(npoints), batchSize, 0, 0, "svm features (train)");
        Outputs te = Evaluator.collect(features, test, DatasetPipelines.modelNetTest(npoints), batchSize, 0, 0, "svm features (test)");
        long t1 = System.nanoTime();
        LinearSvm svm = LinearSvm.fit(tr.rows(), tr.labels(), options);
        int[] pred = svm.predict(te.rows());
        long t2 = System.nanoTime();
        ConfusionMatrix m = new ConfusionMatrix(test.classNames());
        m.addAll(te.labels(), pred);
        LogisticProbe probe = LogisticProbe.fit(tr.rows(), tr.labels(), LogisticProbe.Options.defaults(options.seed()));
        ConfusionMatrix lm = new ConfusionMatrix(test.classNames());
        int[] logisticPred = probe.predict(te.rows());
        lm.addAll(te.labels(), logisticPred);
        Logistic logistic = new Logistic(100 * lm.overallAccuracy(), probe.c(), 100 * probe.cvAccuracy());
        TestPredictions predictions = TestPredictions.ofProbes(test.classNames(), TestPredictions.idsOf(test), te.labels(), pred,
                logisticPred);
        return new Result(100 * m.overallAccuracy(), m, tr.size(), te.size(), features.width(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                logistic, options, predictions);
    }
}
