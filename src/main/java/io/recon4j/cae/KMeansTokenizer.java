package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.recon4j.eval.KMeans;

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
        if (k > patches.length / d) {
            throw new IllegalArgumentException("cannot learn " + k + " codewords from " + patches.length / d + " patches");
        }
        return new KMeansTokenizer(KMeans.fit(patches, d, k, iterations, 1, seed).centres(), k, patchSize);
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
