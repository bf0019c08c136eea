package io.recon4j.cae;

import io.recon4j.nn.BlockOptions;
import io.recon4j.nn.Inits;
import java.util.List;
import java.util.Locale;

/**
 * The architecture of a Context Autoencoder: a ViT encoder over P = (imageSize / patchSize)² patches,
 * the latent contextual regressor and the decoder, all {@code dim} wide (CAE-Base keeps the regressor and
 * decoder at the encoder's width, so the official {@code encoder_to_regresser} projection is never built).
 *
 * @param name size name ({@code base}, {@code tiny}, {@code nano})
 * @param imageSize H = W in pixels
 * @param patchSize patch side p (H divisible by p)
 * @param channels C of the input images
 * @param dim D, width of every token
 * @param depth encoder blocks
 * @param heads attention heads of every block
 * @param mlpRatio MLP hidden width over D
 * @param regressorDepth cross-attention blocks of the regressor (official 4)
 * @param decoderDepth self-attention blocks of the decoder (official 4)
 * @param layerScale LayerScale init γ of every block (official 0.1 for Base)
 * @param dropPath stochastic-depth rate reached by the last block of each stack (official 0.1)
 * @param vocabSize discrete target vocabulary (official dVAE 8192; the k-means codebook size here)
 */
public record CaeConfig(String name, int imageSize, int patchSize, int channels, int dim, int depth, int heads,
                        float mlpRatio, int regressorDepth, int decoderDepth, float layerScale, float dropPath,
                        int vocabSize) {

    /** The sizes {@link #of} knows. */
    public static final List<String> SIZES = List.of("base", "tiny", "nano");

    public CaeConfig {
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("image size " + imageSize + " not divisible by patch size " + patchSize);
        }
        if (layerScale <= 0) {
            throw new IllegalArgumentException("CAE blocks carry LayerScale: its init must be > 0, got " + layerScale);
        }
        if (dim % heads != 0 || dim % 4 != 0) {
            throw new IllegalArgumentException("dim " + dim + " must be divisible by the heads (" + heads
                    + ") and by 4 (2-D sin-cos positions)");
        }
    }

    /** CAE-Base: ViT-B/16 at 224², regressor 4, decoder 4, LayerScale 0.1, dVAE vocabulary 8192. */
    public static CaeConfig base() {
        return new CaeConfig("base", 224, 16, 3, 768, 12, 12, 4f, 4, 4, 0.1f, 0.1f, 8192);
    }

    /** For these CPU machines: 28×28 single-channel images (Fashion-MNIST), patch 4 (49 patches), 128-d, 6 blocks. */
    public static CaeConfig tiny() {
        return new CaeConfig("tiny", 28, 4, 1, 128, 6, 4, 4f, 2, 2, 0.1f, 0.1f, 512);
    }

    /** For tests: 28×28 single-channel images, patch 7 (16 patches), 32-d, 2 blocks. */
    public static CaeConfig nano() {
        return new CaeConfig("nano", 28, 7, 1, 32, 2, 2, 4f, 1, 1, 0.1f, 0f, 64);
    }

    /** @return the named size, case-insensitive */
    public static CaeConfig of(String size) {
        return switch (size.toLowerCase(Locale.ROOT)) {
            case "base" -> base();
            case "tiny" -> tiny();
            case "nano" -> nano();
            default -> throw new IllegalArgumentException("unknown CAE size '" + size + "'; one of " + SIZES);
        };
    }

    /** @return a copy for other input images (e.g. 32×32 RGB renders), same widths and depths */
    public CaeConfig withInput(int newImageSize, int newChannels) {
        return new CaeConfig(name, newImageSize, patchSize, newChannels, dim, depth, heads, mlpRatio, regressorDepth,
                decoderDepth, layerScale, dropPath, vocabSize);
    }

    /** @return the patch grid side, imageSize / patchSize */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** @return P, the number of patches */
    public int numPatches() {
        return gridSize() * gridSize();
    }

    /** @return C·p², the pixels of one patch */
    public int patchPixels() {
        return channels * patchSize * patchSize;
    }

    /** @return the official masked count, half the patches (98 of 196) */
    public int defaultMaskCount() {
        return numPatches() / 2;
    }

    /** @return the official minimum block of 16 patches out of 196, scaled to this grid (at least 1) */
    public int defaultMinBlockPatches() {
        return Math.max(1, Math.round(16f * numPatches() / 196f));
    }

    /**
     * The blocks of every stack: q/v-only attention biases, LayerScale, LN eps 1e-6 and xavier-uniform Linear
     * weights — the official constructor re-initialises every Linear with xavier whatever the sub-modules did,
     * because {@code fix_init_weight} never reaches it.
     */
    BlockOptions blockOptions() {
        return new BlockOptions(mlpRatio, Inits.xavierUniform(), CaeConfig.LAYER_NORM_EPS, true, layerScale);
    }

    /** BEiT/CAE's {@code partial(nn.LayerNorm, eps=1e-6)}. */
    static final float LAYER_NORM_EPS = 1e-6f;

    /** The official init of tokens and the patch-embedding convolution: trunc-normal(0.02) cut at ±0.02. */
    static final float INIT_STD = 0.02f;
}
