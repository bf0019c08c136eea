package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * An offline stand-in for the DALL-E dVAE: a k-means codebook over patches, learned by recon4j from the
 * pretraining images (k-means++ seeding, then Lloyd iterations, all seeded). A patch's token is its nearest
 * codeword (squared Euclidean distance). Patch vectors are in {@link Patches#patchify} order.
 */
public final class KMeansTokenizer implements PatchTokenizer {

    private final float[] codebook;
    private final int vocabulary;
    private final int patchSize;
    private final int width;

    /**
     * @param codebook K × d codewords, row-major (d = p·p·C)
     * @param vocabulary K
     * @param patchSize p
     */
    public KMeansTokenizer(float[] codebook, int vocabulary, int patchSize) {
        if (vocabulary <= 0 || codebook.length % vocabulary != 0) {
            throw new IllegalArgumentException(codebook.length + " codebook values are not " + vocabulary + " codewords");
        }
        this.codebook = codebook.clone();
        this.vocabulary = vocabulary;
        this.patchSize = patchSize;
        this.width = codebook.length / vocabulary;
    }

    /**
     * Learns a codebook.
     *
     * @param patches n × d patch vectors, row-major
     * @param d width of a patch vector (p·p·C)
     * @param k K codewords (at most n)
     * @param iterations Lloyd iterations after seeding
     * @param seed seeds the k-means++ draws
     * @param patchSize p, for {@link #tokenize}
     */
    public static KMeansTokenizer fit(float[] patches, int d, int k, int iterations, long seed, int patchSize) {
        int n = patches.length / d;
        if (k > n) {
            throw new IllegalArgumentException("cannot learn " + k + " codewords from " + n + " patches");
        }
        float[] centres = seedPlusPlus(patches, n, d, k, new SplittableRandom(seed));
        int[] assignment = new int[n];
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < n; i++) {
                assignment[i] = nearest(patches, i, centres, k, d);
            }
            double[] sums = new double[k * d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[assignment[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[assignment[i] * d + j] += patches[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                // An empty cluster keeps its codeword rather than collapsing onto another.
                for (int j = 0; counts[c] > 0 && j < d; j++) {
                    centres[c * d + j] = (float) (sums[c * d + j] / counts[c]);
                }
            }
        }
        return new KMeansTokenizer(centres, k, patchSize);
    }

    /** k-means++: each next codeword drawn with probability proportional to its squared distance to the chosen ones. */
    private static float[] seedPlusPlus(float[] x, int n, int d, int k, SplittableRandom rng) {
        float[] centres = new float[k * d];
        double[] dist = new double[n];
        int first = rng.nextInt(n);
        System.arraycopy(x, first * d, centres, 0, d);
        for (int i = 0; i < n; i++) {
            dist[i] = squared(x, i, centres, 0, d);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : dist) {
                total += v;
            }
            int pick = rng.nextInt(n);
            if (total > 0) {
                double r = rng.nextDouble() * total;
                for (pick = 0; pick < n - 1 && (r -= dist[pick]) > 0; pick++) {
                    // walk to the sampled patch
                }
            }
            System.arraycopy(x, pick * d, centres, c * d, d);
            for (int i = 0; i < n; i++) {
                dist[i] = Math.min(dist[i], squared(x, i, centres, c, d));
            }
        }
        return centres;
    }

    private static int nearest(float[] x, int i, float[] centres, int k, int d) {
        int best = 0;
        double bestDist = Double.MAX_VALUE;
        for (int c = 0; c < k; c++) {
            double dist = squared(x, i, centres, c, d);
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    private static double squared(float[] x, int i, float[] centres, int c, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = x[i * d + j] - centres[c * d + j];
            s += diff * diff;
        }
        return s;
    }

    @Override
    public int vocabularySize() {
        return vocabulary;
    }

    /** ‖x‖² − 2x·c + ‖c‖², minimised over the codewords (‖x‖² is the same for all, so it is left out). */
    @Override
    public NDArray tokenize(NDArray images) {
        NDArray x = Patches.patchify(images, patchSize);
        NDArray c = images.getManager().create(codebook, new Shape(vocabulary, width));
        NDArray cc = c.square().sum(new int[] {1});
        return cc.sub(x.matMul(c.transpose()).mul(2f)).argMin(-1);
    }

    /** @return the K × d codewords, row-major */
    public float[] codebook() {
        return codebook.clone();
    }
}
