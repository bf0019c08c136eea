package io.recon4j.data.procedural;

import io.recon4j.cloud.PointCloud;
import java.util.List;

/**
 * A hand-made, yaw-invariant shape descriptor (histograms of pair distances, distance from the
 * centroid, height and distance from the vertical axis, plus extents) and a nearest-class-mean
 * classifier over it, used to check that the categories are learnable but not trivially separable.
 */
final class ShapeDescriptor {

    private static final int PAIRS = 2000;

    private ShapeDescriptor() {
    }

    /** @return the descriptor of one cloud (deterministic) */
    static double[] of(PointCloud cloud) {
        int n = cloud.size();
        double[] d2 = new double[16];
        double[] radial = new double[10];
        double[] height = new double[10];
        double[] axial = new double[8];
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double maxAxial = 0;
        for (int i = 0; i < n; i++) {
            double x = cloud.get(i, 0);
            double y = cloud.get(i, 1);
            double z = cloud.get(i, 2);
            radial[bin(Math.sqrt(x * x + y * y + z * z), 0, 1, radial.length)]++;
            height[bin(y, -1, 1, height.length)]++;
            axial[bin(Math.sqrt(x * x + z * z), 0, 1, axial.length)]++;
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            maxAxial = Math.max(maxAxial, Math.sqrt(x * x + z * z));
        }
        java.util.SplittableRandom pick = new java.util.SplittableRandom(7);
        for (int k = 0; k < PAIRS; k++) {
            int i = pick.nextInt(n);
            int j = pick.nextInt(n);
            double dx = cloud.get(i, 0) - cloud.get(j, 0);
            double dy = cloud.get(i, 1) - cloud.get(j, 1);
            double dz = cloud.get(i, 2) - cloud.get(j, 2);
            d2[bin(Math.sqrt(dx * dx + dy * dy + dz * dz), 0, 2, d2.length)]++;
        }
        double[] out = new double[d2.length + radial.length + height.length + axial.length + 2];
        int o = 0;
        o = append(out, o, d2, PAIRS);
        o = append(out, o, radial, n);
        o = append(out, o, height, n);
        o = append(out, o, axial, n);
        out[o++] = maxY - minY;
        out[o] = maxAxial;
        return out;
    }

    /**
     * Fits per-feature standardisation and class means on the training descriptors and returns the
     * fraction of test descriptors whose nearest class mean has their label.
     */
    static double nearestClassMeanAccuracy(List<double[]> train, int[] trainLabels, List<double[]> test,
            int[] testLabels, int numClasses) {
        int dim = train.get(0).length;
        double[] mean = new double[dim];
        double[] std = new double[dim];
        for (double[] f : train) {
            for (int d = 0; d < dim; d++) {
                mean[d] += f[d] / train.size();
            }
        }
        for (double[] f : train) {
            for (int d = 0; d < dim; d++) {
                std[d] += (f[d] - mean[d]) * (f[d] - mean[d]) / train.size();
            }
        }
        double[][] centroid = new double[numClasses][dim];
        int[] count = new int[numClasses];
        for (int s = 0; s < train.size(); s++) {
            count[trainLabels[s]]++;
            for (int d = 0; d < dim; d++) {
                centroid[trainLabels[s]][d] += standard(train.get(s)[d], mean[d], std[d]);
            }
        }
        for (int c = 0; c < numClasses; c++) {
            for (int d = 0; d < dim; d++) {
                centroid[c][d] /= Math.max(count[c], 1);
            }
        }
        int correct = 0;
        for (int s = 0; s < test.size(); s++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < numClasses; c++) {
                double dist = 0;
                for (int d = 0; d < dim; d++) {
                    double diff = standard(test.get(s)[d], mean[d], std[d]) - centroid[c][d];
                    dist += diff * diff;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            correct += best == testLabels[s] ? 1 : 0;
        }
        return (double) correct / test.size();
    }

    private static double standard(double v, double mean, double var) {
        return (v - mean) / Math.sqrt(var + 1e-12);
    }

    private static int append(double[] out, int offset, double[] hist, double total) {
        for (double h : hist) {
            out[offset++] = h / total;
        }
        return offset;
    }

    private static int bin(double v, double lo, double hi, int bins) {
        int b = (int) ((v - lo) / (hi - lo) * bins);
        return Math.max(0, Math.min(bins - 1, b));
    }
}
