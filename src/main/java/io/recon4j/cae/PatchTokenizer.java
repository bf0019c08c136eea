package io.recon4j.cae;

import ai.djl.ndarray.NDArray;

/** Maps every patch of an image to a discrete token id (the role of the official DALL-E dVAE). */
public interface PatchTokenizer {

    /** @return K, the number of distinct token ids */
    int vocabularySize();

    /**
     * @param images (B, C, H, W) normalised images
     * @return (B, P) int64 token ids in [0, K), patches in row-major order
     */
    NDArray tokenize(NDArray images);
}
