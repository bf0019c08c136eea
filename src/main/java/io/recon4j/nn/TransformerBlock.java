package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A standard pre-LN Transformer block (the MAE decoder's; the ViT/BEiT/CAE {@code Block}):
 * x = x + DP(γ1·Attn(LN1(x))); x = x + DP(γ2·MLP(LN2(x))), γ being LayerScale when the options ask for it
 * (otherwise 1). (B, L, C) → (B, L, C).
 */
public final class TransformerBlock extends ModuleBlock {

    private final LayerScale gamma1;
    private final LayerScale gamma2;
    private final LayerNormLayer norm1;
    private final LayerNormLayer norm2;
    private final Mlp mlp;
    private final Attention attn;
    private final DropPath dropPath;

    /**
     * The Point-MAE decoder's block (no qkv bias, eps 1e-5, no LayerScale).
     *
     * @param channels C
     * @param heads H
     * @param mlpRatio MLP hidden width over C
     * @param dropPath stochastic-depth rate
     * @param weightInit initializer of the Linear weights (xavier-uniform in the MAE decoder)
     */
    public TransformerBlock(long channels, int heads, float mlpRatio, float dropPath, Initializer weightInit) {
        this(channels, heads, dropPath, BlockOptions.plain(mlpRatio, weightInit));
    }

    /**
     * @param channels C
     * @param heads H
     * @param dropPath stochastic-depth rate of this block
     * @param options MLP ratio, init, LayerNorm eps, q/v biases and LayerScale
     */
    public TransformerBlock(long channels, int heads, float dropPath, BlockOptions options) {
        // The official Block registers its gammas first in the state dict; the rest keeps the Point-MAE order.
        gamma1 = options.hasLayerScale() ? module("", new LayerScale(channels, options.layerScale(), "gamma_1")) : null;
        gamma2 = options.hasLayerScale() ? module("", new LayerScale(channels, options.layerScale(), "gamma_2")) : null;
        norm1 = module("norm1", new LayerNormLayer(channels, options.layerNormEps()));
        norm2 = module("norm2", new LayerNormLayer(channels, options.layerNormEps()));
        mlp = module("mlp", new Mlp(channels, (long) (channels * options.mlpRatio()), options.weightInit()));
        attn = module("attn", new Attention(channels, heads, options.weightInit(), options.qvBias()));
        this.dropPath = new DropPath(dropPath);
    }

    /** @param x (B, L, C) @return (B, L, C) */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        x = x.add(dropPath.apply(scaled(ps, gamma1, attn.forward(ps, norm1.forward(ps, x, training), training), training), training));
        return x.add(dropPath.apply(scaled(ps, gamma2, mlp.forward(ps, norm2.forward(ps, x, training), training), training), training));
    }

    private static NDArray scaled(ParameterStore ps, LayerScale gamma, NDArray branch, boolean training) {
        return gamma == null ? branch : gamma.forward(ps, branch, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
