package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import io.recon4j.model.Losses;

/**
 * The official CAE target: the token id of each masked patch, scored by cross-entropy over the decoder's
 * logits. Official tokens come from the DALL-E dVAE (8192 ids on a 112×112 view), which is not available
 * offline; any {@link PatchTokenizer} plugs in here, e.g. {@link KMeansTokenizer}.
 */
public final class TokenTarget implements CaeTarget {

    private final PatchTokenizer tokenizer;

    /** @param tokenizer gives the token ids of the patches */
    public TokenTarget(PatchTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public int dim() {
        return tokenizer.vocabularySize();
    }

    @Override
    public NDArray loss(NDArray predictions, NDArray images, NDArray masked) {
        NDArray ids = tokenizer.tokenize(images).gather(masked, 1);
        return Losses.crossEntropy(predictions.reshape(-1, dim()), ids.reshape(-1));
    }
}
