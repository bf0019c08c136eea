package io.recon4j.analysis;

/**
 * How well a set of points separates its classes: leave-one-out k-nearest-neighbour accuracy (Euclidean), each point
 * classified by the majority class of its k nearest other points, a tie going to the class of the nearest tied
 * neighbour. Measures "the categories separate" in a t-SNE map, and in the features it was made from.
 *
 * <p>Axis letters: N points, D dimensions.
 */
public final class NeighbourAccuracy {

    private NeighbourAccuracy() {
    }

    /**
     * @param x (N, D) row-major points
     * @param n N
     * @param d D
     * @param labels (N) class of each point, ≥ 0
     * @param k neighbours, 1 ≤ k &lt; N
     * @return the share of points whose neighbours' vote names their own class, in [0, 1]
     */
    public static double leaveOneOut(float[] x, int n, int d, int[] labels, int k) {
        if (x.length != (long) n * d || labels.length != n) {
            throw new IllegalArgumentException("expected " + n + "×" + d + " values and " + n + " labels, got " + x.length
                    + " and " + labels.length);
        }
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be in [1, " + (n - 1) + "], got " + k);
        }
        int classes = 0;
        for (int l : labels) {
            classes = Math.max(classes, l + 1);
        }
        int correct = 0;
        int[] nearest = new int[k];
        double[] nearestDist = new double[k];
        int[] votes = new int[classes];
        for (int i = 0; i < n; i++) {
            int found = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double diff = x[i * d + c] - x[j * d + c];
                    s += diff * diff;
                }
                // Insertion into the sorted k-best list (k is small).
                if (found < k || s < nearestDist[found - 1]) {
                    int pos = found < k ? found++ : k - 1;
                    while (pos > 0 && nearestDist[pos - 1] > s) {
                        nearestDist[pos] = nearestDist[pos - 1];
                        nearest[pos] = nearest[pos - 1];
                        pos--;
                    }
                    nearestDist[pos] = s;
                    nearest[pos] = j;
                }
            }
            java.util.Arrays.fill(votes, 0);
            int best = -1;
            for (int m = 0; m < k; m++) {
                int l = labels[nearest[m]];
                votes[l]++;
                // Strictly more votes wins; on a tie the earlier (nearer) class keeps the lead.
                if (best < 0 || votes[l] > votes[best]) {
                    best = l;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return (double) correct / n;
    }
}
