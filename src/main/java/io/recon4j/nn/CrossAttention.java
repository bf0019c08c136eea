package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ReCon's {@code CrossAttention}: {@code q} Linear(C → C) on the queries, {@code kv} Linear(C → 2C)
 * on the context (first C channels keys, next C values), both without bias; scale d^-0.5; then
 * {@code proj} with bias. Queries (B, Q, C) attend to context (B, L, C) → (B, Q, C).
 */
public final class CrossAttention extends ModuleBlock {

    private final LinearLayer q;
    private final LinearLayer kv;
    private final LinearLayer proj;
    private final int heads;
    private final long channels;

    /** @param channels C @param heads H */
    public CrossAttention(long channels, int heads) {
        if (channels % heads != 0) {
            throw new IllegalArgumentException("channels " + channels + " not divisible by heads " + heads);
        }
        this.heads = heads;
        this.channels = channels;
        q = module("q", new LinearLayer(channels, channels, false));
        kv = module("kv", new LinearLayer(channels, 2 * channels, false));
        proj = module("proj", new LinearLayer(channels, channels, true));
    }

    /**
     * @param queries (B, Q, C)
     * @param context (B, L, C)
     * @return (B, Q, C)
     */
    public NDArray forward(ParameterStore ps, NDArray queries, NDArray context, boolean training) {
        NDArray qh = Heads.split(q.forward(ps, queries, training), heads);
        NDArray both = kv.forward(ps, context, training);
        NDArray kh = Heads.split(both.get(new NDIndex(":, :, :{}", channels)), heads);
        NDArray vh = Heads.split(both.get(new NDIndex(":, :, {}:", channels)), heads);
        return proj.forward(ps, Heads.merge(Heads.attend(qh, kh, vh)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }
}
