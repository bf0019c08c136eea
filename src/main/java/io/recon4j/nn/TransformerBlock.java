package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A standard pre-LN Transformer block (the MAE decoder's): x = x + DP(Attn(LN1(x))); x = x + DP(MLP(LN2(x))).
 * (B, L, C) → (B, L, C).
 */
public final class TransformerBlock extends ModuleBlock {

    private final LayerNormLayer norm1;
    private final LayerNormLayer norm2;
    private final Mlp mlp;
    private final Attention attn;
    private final DropPath dropPath;

    /**
     * @param channels C
     * @param heads H
     * @param mlpRatio MLP hidden width over C
     * @param dropPath stochastic-depth rate
     * @param weightInit initializer of the Linear weights (xavier-uniform in the MAE decoder)
     */
    public TransformerBlock(long channels, int heads, float mlpRatio, float dropPath, Initializer weightInit) {
        norm1 = module("norm1", new LayerNormLayer(channels));
        norm2 = module("norm2", new LayerNormLayer(channels));
        mlp = module("mlp", new Mlp(channels, (long) (channels * mlpRatio), weightInit));
        attn = module("attn", new Attention(channels, heads, weightInit));
        this.dropPath = new DropPath(dropPath);
    }

    /** @param x (B, L, C) @return (B, L, C) */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        x = x.add(dropPath.apply(attn.forward(ps, norm1.forward(ps, x, training), training), training));
        return x.add(dropPath.apply(mlp.forward(ps, norm2.forward(ps, x, training), training), training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
