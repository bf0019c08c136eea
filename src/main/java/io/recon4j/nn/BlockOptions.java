package io.recon4j.nn;

import ai.djl.training.initializer.Initializer;

/**
 * How the shared Transformer blocks are built, so that one block serves Point-MAE/ReCon and BEiT/CAE.
 *
 * @param mlpRatio MLP hidden width over C
 * @param weightInit initializer of every Linear weight (biases start at zero)
 * @param layerNormEps LayerNorm eps (PyTorch default 1e-5; BEiT/CAE 1e-6)
 * @param qvBias learned biases on queries and values only, none on keys (BEiT/CAE); false: no qkv bias at all
 * @param layerScale initial LayerScale γ on each residual branch (CAE 0.1), 0 for no LayerScale
 */
public record BlockOptions(float mlpRatio, Initializer weightInit, float layerNormEps, boolean qvBias, float layerScale) {

    public BlockOptions {
        if (mlpRatio <= 0 || layerNormEps <= 0 || layerScale < 0) {
            throw new IllegalArgumentException("mlpRatio and eps must be > 0, layerScale >= 0");
        }
    }

    /** The Point-MAE/ReCon block: no qkv bias, eps 1e-5, no LayerScale. */
    public static BlockOptions plain(float mlpRatio, Initializer weightInit) {
        return new BlockOptions(mlpRatio, weightInit, LayerNormLayer.EPS, false, 0f);
    }

    /** @return whether the residual branches carry LayerScale */
    public boolean hasLayerScale() {
        return layerScale > 0;
    }
}
