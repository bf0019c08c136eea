package io.recon4j.cae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.BlockOptions;
import io.recon4j.nn.CrossAttention;
import io.recon4j.nn.DropPath;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.LayerScale;
import io.recon4j.nn.Mlp;
import io.recon4j.nn.ModuleBlock;

/**
 * One block of the latent contextual regressor (the official {@code RegressorBlock}):
 * <pre>
 * x = q + DP(γ1 · XAttn(LN_q(q + p_q), keys = LN_k(kv + p_kv), values = LN_v(kv)))
 * x = LN2(x)
 * x = x + DP(γ2 · MLP(x))
 * </pre>
 * Positions go into the queries and keys, never into the values; each of q, k, v has its own LayerNorm.
 * Like the ReCon block, the MLP's residual starts from the <em>normalised</em> x, as the official code does.
 */
final class RegressorBlock extends ModuleBlock {

    private final LayerScale gamma1;
    private final LayerScale gamma2;
    private final LayerNormLayer norm1Q;
    private final LayerNormLayer norm1K;
    private final LayerNormLayer norm1V;
    private final LayerNormLayer norm2;
    private final CrossAttention crossAttn;
    private final Mlp mlp;
    private final DropPath dropPath;

    RegressorBlock(long dim, int heads, float dropPath, BlockOptions options) {
        // Official state-dict order: the gammas (own parameters) first, then the modules as declared.
        gamma1 = module("", new LayerScale(dim, options.layerScale(), "gamma_1_cross"));
        gamma2 = module("", new LayerScale(dim, options.layerScale(), "gamma_2_cross"));
        norm1Q = module("norm1_q", new LayerNormLayer(dim, options.layerNormEps()));
        norm1K = module("norm1_k", new LayerNormLayer(dim, options.layerNormEps()));
        norm1V = module("norm1_v", new LayerNormLayer(dim, options.layerNormEps()));
        norm2 = module("norm2_cross", new LayerNormLayer(dim, options.layerNormEps()));
        crossAttn = module("cross_attn", new CrossAttention(dim, heads, CrossAttention.Layout.CAE, options.weightInit()));
        mlp = module("mlp_cross", new Mlp(dim, (long) (dim * options.mlpRatio()), options.weightInit()));
        this.dropPath = new DropPath(dropPath);
    }

    /**
     * @param queries (B, M, D) the current masked queries
     * @param keysValues (B, L, D) what the queries read: [visible latents ; current masked queries]
     * @param queryPos (B, M, D) positions of the masked patches
     * @param keyPos (B, L, D) positions of the rows of {@code keysValues}
     * @return (B, M, D) the updated masked queries
     */
    NDArray forward(ParameterStore ps, NDArray queries, NDArray keysValues, NDArray queryPos, NDArray keyPos,
                    boolean training) {
        NDArray attended = crossAttn.forward(ps, norm1Q.forward(ps, queries.add(queryPos), training),
                norm1K.forward(ps, keysValues.add(keyPos), training), norm1V.forward(ps, keysValues, training), training);
        NDArray x = queries.add(dropPath.apply(gamma1.forward(ps, attended, training), training));
        x = norm2.forward(ps, x, training);
        return x.add(dropPath.apply(gamma2.forward(ps, mlp.forward(ps, x, training), training), training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), inputs.get(2), inputs.get(3), training));
    }
}
