package io.recon4j.cae;

import ai.djl.ndarray.NDArray;

/**
 * What the decoder reconstructs for each masked patch, and how it is scored (the official "main" loss). Official
 * CAE predicts DALL-E dVAE token ids with cross-entropy; that tokenizer cannot be had offline, so recon4j ships
 * {@link PixelTarget} (default) and {@link TokenTarget} over its own {@link KMeansTokenizer}.
 */
public interface CaeTarget {

    /** @return a short name for logs and configurations ({@code pixels}, {@code tokens}) */
    String name();

    /** @return T, the decoder's output width per masked patch */
    int dim();

    /**
     * @param predictions (B, M, T) decoder outputs for the masked patches
     * @param images (B, C, H, W) the normalised input images
     * @param masked (B, M) int64 indices of the masked patches
     * @return the scalar loss
     */
    NDArray loss(NDArray predictions, NDArray images, NDArray masked);
}
