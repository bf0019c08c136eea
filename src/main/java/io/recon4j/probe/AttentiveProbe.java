package io.recon4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.BatchNormLayer;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.train.GroupedAdamW;
import io.recon4j.train.MomentumSgd;

/**
 * CAE's attentive probe ({@code tools/run_attentive.py}, {@code linear_type attentive}): a learned
 * {@code query_token} (zeros at start) reads all encoder tokens through one {@link AttentiveBlock}; its
 * output goes through {@code fc_norm} = BatchNorm1d(D, affine=False) and the {@code head} Linear(D, K)
 * (weight N(0, 0.01²), bias 0). Trained with SGD, momentum 0.9, no weight decay.
 */
public final class AttentiveProbe extends ModuleBlock implements ProbeHead {

    /** SGD momentum of the official recipe. */
    public static final float MOMENTUM = 0.9f;

    private final Parameter queryToken;
    private final AttentiveBlock block;
    private final BatchNormLayer fcNorm;
    private final LinearLayer head;
    private final int dim;

    /**
     * @param dim D, the token width
     * @param heads attention heads (the encoder's, officially)
     * @param classes K
     */
    public AttentiveProbe(int dim, int heads, int classes) {
        this.dim = dim;
        queryToken = parameter("query_token", new Shape(1, 1, dim), Parameter.Type.WEIGHT, Inits.ZEROS);
        block = module("attentive_blocks.0", new AttentiveBlock(dim, heads));
        // CAE's LP_BatchNorm keeps torch's default eps (1e-5), unlike the linear protocol's 1e-6.
        fcNorm = module("fc_norm", new BatchNormLayer(dim, BatchNormLayer.EPS, false));
        head = module("head", new LinearLayer(dim, classes, true, false, Inits.normal(0f, 0.01f), Inits.ZEROS));
    }

    /** @return D, the token width the probe reads */
    public int dim() {
        return dim;
    }

    @Override
    public Input input() {
        return Input.ALL_TOKENS;
    }

    /** @param features (B, T, D) tokens @return (B, K) logits */
    @Override
    public NDArray forward(ParameterStore ps, NDArray features, boolean training) {
        return head.forward(ps, fcNorm.forward(ps, pooled(ps, features, training), training), training);
    }

    /**
     * @param tokens (B, T, D)
     * @return (B, D): the attentive block's output for the query token, before the BatchNorm
     */
    NDArray pooled(ParameterStore ps, NDArray tokens, boolean training) {
        NDArray query = ps.getValue(queryToken, tokens.getDevice(), training);
        // A broadcast view of a parameter would otherwise stay in the model's manager and leak per step.
        NDArray queries = query.broadcast(tokens.getShape().get(0), 1, dim);
        queries.attach(tokens.getManager());
        return block.forward(ps, queries, tokens, training).get(new NDIndex(":, 0, :"));
    }

    @Override
    public MomentumSgd optimizer(NDManager manager) {
        return MomentumSgd.sgd(manager, GroupedAdamW.select(stateDict(), k -> true), MOMENTUM, 0f);
    }

    @Override
    public String describe() {
        return "attentive probe over all tokens: learned query + cross-attention block (LN on q, k, v; no MLP, no "
                + "residual) + BatchNorm1d(affine=False) + Linear, SGD (momentum 0.9, no weight decay)";
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
