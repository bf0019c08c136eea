package io.recon4j.eval;

/**
 * The result of classifying a test set once.
 *
 * @param matrix the confusion matrix
 * @param loss mean cross-entropy of the logits that decided it
 * @param predictions the predicted class of each sample, in the data's order (per-shape comparisons pair on it)
 */
public record Evaluation(ConfusionMatrix matrix, double loss, int[] predictions) {

    /** @return overall accuracy in percent */
    public double accuracy() {
        return 100 * matrix.overallAccuracy();
    }

    /** @return mean class accuracy in percent */
    public double meanClassAccuracy() {
        return 100 * matrix.meanClassAccuracy();
    }

    /** @return the classification of logits against their labels */
    public static Evaluation of(Outputs logits, java.util.List<String> classNames) {
        if (logits.width() != classNames.size()) {
            throw new IllegalArgumentException("logits have " + logits.width() + " columns but there are "
                    + classNames.size() + " classes");
        }
        ConfusionMatrix m = new ConfusionMatrix(classNames);
        int[] predictions = logits.argmax();
        m.addAll(logits.labels(), predictions);
        return new Evaluation(m, logits.crossEntropy(), predictions);
    }
}
