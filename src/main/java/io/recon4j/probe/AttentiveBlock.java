package io.recon4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.CrossAttention;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.ModuleBlock;

/**
 * CAE's {@code AttentiveBlock} ({@code models/modeling_finetune.py}) as the attentive probe uses it (positions 0):
 * {@code cross_attn(norm_q(q), k = norm_k(x), v = norm_v(x))}, each LayerNorm its own (eps 1e-6), the
 * cross-attention in CAE's layout (q/k/v without bias, learned q_bias and v_bias). Deliberately no residual
 * and no MLP: the output is the attention read-out alone.
 */
final class AttentiveBlock extends ModuleBlock {

    /** LayerNorm eps of the CAE models. */
    static final float LN_EPS = 1e-6f;

    private final LayerNormLayer normQ;
    private final LayerNormLayer normK;
    private final LayerNormLayer normV;
    private final CrossAttention crossAttn;

    /** @param dim D @param heads H */
    AttentiveBlock(int dim, int heads) {
        normQ = module("norm_q", new LayerNormLayer(dim, LN_EPS));
        normK = module("norm_k", new LayerNormLayer(dim, LN_EPS));
        normV = module("norm_v", new LayerNormLayer(dim, LN_EPS));
        crossAttn = module("cross_attn", new CrossAttention(dim, heads, CrossAttention.Layout.CAE, Inits.truncNormal(0.02f)));
    }

    /**
     * @param queries (B, Q, D)
     * @param tokens (B, T, D) the encoder's tokens
     * @return (B, Q, D)
     */
    NDArray forward(ParameterStore ps, NDArray queries, NDArray tokens, boolean training) {
        return crossAttn.forward(ps, normQ.forward(ps, queries, training), normK.forward(ps, tokens, training),
                normV.forward(ps, tokens, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }
}
