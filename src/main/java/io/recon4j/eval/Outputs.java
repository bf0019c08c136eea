package io.recon4j.eval;

import java.util.Locale;

/**
 * The rows a {@link CloudFunction} produced for every sample of a dataset, in dataset order.
 *
 * @param width D
 * @param values shape (S, D) row-major; row i belongs to dataset sample i
 * @param labels the S true labels
 */
public record Outputs(int width, float[] values, int[] labels) {

    public Outputs {
        if (width <= 0 || values.length != (long) labels.length * width) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d values do not form %d rows of width %d",
                    values.length, labels.length, width));
        }
    }

    /** @return S */
    public int size() {
        return labels.length;
    }

    /** @return row i as a new array */
    public float[] row(int i) {
        float[] r = new float[width];
        System.arraycopy(values, i * width, r, 0, width);
        return r;
    }

    /** @return every row, (S)(D) */
    public float[][] rows() {
        float[][] out = new float[size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /** @return the index of the largest value of each row (first on ties), the predictions when rows are logits */
    public int[] argmax() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            int off = i * width;
            int best = 0;
            for (int j = 1; j < width; j++) {
                if (values[off + j] > values[off + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * @return the mean cross-entropy of the rows read as logits against the labels (torch's
     *     {@code CrossEntropyLoss}), computed in double precision with a stable log-sum-exp
     */
    public double crossEntropy() {
        double sum = 0;
        for (int i = 0; i < size(); i++) {
            int off = i * width;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < width; j++) {
                max = Math.max(max, values[off + j]);
            }
            double z = 0;
            for (int j = 0; j < width; j++) {
                z += Math.exp(values[off + j] - max);
            }
            sum += max + Math.log(z) - values[off + labels[i]];
        }
        return size() == 0 ? Double.NaN : sum / size();
    }
}
