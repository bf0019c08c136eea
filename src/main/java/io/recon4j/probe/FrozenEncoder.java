package io.recon4j.probe;

import ai.djl.ndarray.NDArray;

/**
 * A frozen image encoder as the probes see it: images in, token features out, no gradient.
 * Implemented by the CAE encoder (and by a raw-pixel pass-through for the pixel baseline).
 */
public interface FrozenEncoder {

    /**
     * @param images (B, C, H, W) float32, already normalised the way the encoder expects
     * @return (B, T, D) tokens after the encoder's final norm; token 0 is the cls token, T = 1 + P patches
     */
    NDArray encode(NDArray images);

    /** @return D, the width of each token */
    int dim();

    /**
     * @return the encoder's attention heads; the attentive probe's cross-attention uses as many, as the
     *     official code does (1 for encoders without attention)
     */
    default int heads() {
        return 1;
    }

    /** @return an identity string (e.g. checkpoint hash + config) used in reports and cache keys */
    String identity();
}
