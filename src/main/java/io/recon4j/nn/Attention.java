package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention as in Point-BERT/Point-MAE/ReCon: {@code qkv} Linear(C → 3C) without
 * bias (channels [0,C) queries, [C,2C) keys, [2C,3C) values), scale d^-0.5, no mask, no dropout,
 * then {@code proj} Linear(C → C) with bias. (B, L, C) → (B, L, C).
 */
public final class Attention extends ModuleBlock {

    private final LinearLayer qkv;
    private final LinearLayer proj;
    private final int heads;
    private final long channels;

    /** @param channels C @param heads H (C divisible by H) */
    public Attention(long channels, int heads) {
        this(channels, heads, Inits.truncNormal(0.02f));
    }

    /** Same, with a given weight initializer. */
    public Attention(long channels, int heads, Initializer weightInit) {
        if (channels % heads != 0) {
            throw new IllegalArgumentException("channels " + channels + " not divisible by heads " + heads);
        }
        this.heads = heads;
        this.channels = channels;
        qkv = module("qkv", new LinearLayer(channels, 3 * channels, false, false, weightInit, Inits.ZEROS));
        proj = module("proj", new LinearLayer(channels, channels, true, false, weightInit, Inits.ZEROS));
    }

    /** @param x (B, L, C) @return (B, L, C) */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray all = qkv.forward(ps, x, training);
        // torch.split, not three slices: its backward is one concatenation, a slice's is a zero-filled copy each.
        NDList qkvParts = all.split(3, 2);
        NDArray q = Heads.split(qkvParts.get(0), heads);
        NDArray k = Heads.split(qkvParts.get(1), heads);
        NDArray v = Heads.split(qkvParts.get(2), heads);
        return proj.forward(ps, Heads.merge(Heads.attend(q, k, v)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
