package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.Attention;
import io.recon4j.nn.CrossAttention;
import io.recon4j.nn.DropPath;
import io.recon4j.nn.LayerNormLayer;
import io.recon4j.nn.Mlp;
import io.recon4j.nn.ModuleBlock;

/**
 * The two-stream ReCon block ({@code Block(with_contrast=True)} of the official code).
 *
 * <pre>
 * q = LN1c(q);  l = LN1(l)
 * q = q + DropPath(CrossAttn(q, stopgrad?(l)))     // global queries read the locals only
 * l = l + DropPath(SelfAttn(l))                   // locals never read the queries
 * q = LN2c(q);  l = LN2(l)
 * q = q + DropPath(MLPc(q));  l = l + DropPath(MLP(l))
 * </pre>
 *
 * <p>Not standard pre-LN: the residual starts from the <em>normalised</em> tensor, x ← LN(x) + f(LN(x)),
 * exactly as the official checkpoints expect.
 */
public final class ReconBlock extends ModuleBlock {

    private final LayerNormLayer norm1;
    private final LayerNormLayer norm2;
    private final Mlp mlp;
    private final Attention attn;
    private final LayerNormLayer norm1Contrast;
    private final LayerNormLayer norm2Contrast;
    private final Mlp mlpContrast;
    private final CrossAttention attnContrast;
    private final DropPath dropPath;

    /**
     * @param channels C
     * @param heads H
     * @param mlpRatio hidden width of the MLPs over C (4 in ReCon)
     * @param dropPath stochastic-depth rate of this block
     */
    public ReconBlock(long channels, int heads, float mlpRatio, float dropPath) {
        long hidden = (long) (channels * mlpRatio);
        // Registration order = the official state-dict order.
        norm1 = module("norm1", new LayerNormLayer(channels));
        norm2 = module("norm2", new LayerNormLayer(channels));
        mlp = module("mlp", new Mlp(channels, hidden));
        attn = module("attn", new Attention(channels, heads));
        norm1Contrast = module("norm1_contrast", new LayerNormLayer(channels));
        norm2Contrast = module("norm2_contrast", new LayerNormLayer(channels));
        mlpContrast = module("mlp_contrast", new Mlp(channels, hidden));
        attnContrast = module("attn_contrast", new CrossAttention(channels, heads));
        this.dropPath = new DropPath(dropPath);
    }

    /**
     * @param queries (B, Q, C) global queries, positions already added
     * @param locals (B, G, C) local tokens (the V visible ones when masked), positions already added
     * @param detachLocals stop gradients from the queries' keys/values into the locals (pretraining)
     * @return {queries (B, Q, C), locals (B, G, C)}
     */
    public NDList forward(ParameterStore ps, NDArray queries, NDArray locals, boolean detachLocals, boolean training) {
        NDArray q = norm1Contrast.forward(ps, queries, training);
        NDArray l = norm1.forward(ps, locals, training);
        NDArray context = detachLocals ? l.stopGradient() : l;
        q = q.add(dropPath.apply(attnContrast.forward(ps, q, context, training), training));
        l = l.add(dropPath.apply(attn.forward(ps, l, training), training));
        q = norm2Contrast.forward(ps, q, training);
        l = norm2.forward(ps, l, training);
        q = q.add(dropPath.apply(mlpContrast.forward(ps, q, training), training));
        l = l.add(dropPath.apply(mlp.forward(ps, l, training), training));
        return new NDList(q, l);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forward(ps, inputs.get(0), inputs.get(1), false, training);
    }
}
