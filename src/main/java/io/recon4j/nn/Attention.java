package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention as in Point-BERT/Point-MAE/ReCon: {@code qkv} Linear(C → 3C) without
 * bias (channels [0,C) queries, [C,2C) keys, [2C,3C) values), scale d^-0.5, no mask, no dropout,
 * then {@code proj} Linear(C → C) with bias. (B, L, C) → (B, L, C).
 *
 * <p>With q/v biases (BEiT/CAE) the same {@code qkv} weight gets learned {@code q_bias} and {@code v_bias}
 * and a fixed zero key bias (a key bias would only shift every score of a query by the same amount).
 */
public final class Attention extends ModuleBlock {

    private final Parameter qBias;
    private final Parameter vBias;
    private final LinearLayer qkv;
    private final LinearLayer proj;
    private final int heads;
    private final long channels;
    private volatile java.util.function.Consumer<NDArray> observer;

    /** @param channels C @param heads H (C divisible by H) */
    public Attention(long channels, int heads) {
        this(channels, heads, Inits.truncNormal(0.02f));
    }

    /** Same, with a given weight initializer. */
    public Attention(long channels, int heads, Initializer weightInit) {
        this(channels, heads, weightInit, false);
    }

    /**
     * @param channels C
     * @param heads H (C divisible by H)
     * @param weightInit initializer of the qkv and proj weights
     * @param qvBias learned biases on queries and values (BEiT/CAE {@code qkv_bias=True})
     */
    public Attention(long channels, int heads, Initializer weightInit, boolean qvBias) {
        if (channels % heads != 0) {
            throw new IllegalArgumentException("channels " + channels + " not divisible by heads " + heads);
        }
        this.heads = heads;
        this.channels = channels;
        // Registration order = the official state-dict order (a module's own parameters come first).
        qBias = qvBias ? parameter("q_bias", new Shape(channels), Parameter.Type.BIAS, Inits.ZEROS) : null;
        vBias = qvBias ? parameter("v_bias", new Shape(channels), Parameter.Type.BIAS, Inits.ZEROS) : null;
        qkv = module("qkv", new LinearLayer(channels, 3 * channels, false, false, weightInit, Inits.ZEROS));
        proj = module("proj", new LinearLayer(channels, channels, true, false, weightInit, Inits.ZEROS));
    }

    /** @param x (B, L, C) @return (B, L, C) */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray all = qkv.forward(ps, x, training);
        // torch.split, not three slices: its backward is one concatenation, a slice's is a zero-filled copy each.
        NDList qkvParts = all.split(3, 2);
        NDArray q = plusBias(ps, qkvParts.get(0), qBias, training);
        NDArray v = plusBias(ps, qkvParts.get(2), vBias, training);
        return proj.forward(ps, Heads.merge(Heads.attend(Heads.split(q, heads), Heads.split(qkvParts.get(1), heads),
                Heads.split(v, heads), observer)), training);
    }

    /**
     * Shows every later forward pass's attention probabilities (B, H, Lq, Lk) to {@code observer} (null: stop).
     * For analyses: the probabilities are the ones this module multiplies with its values.
     */
    public void observe(java.util.function.Consumer<NDArray> observer) {
        this.observer = observer;
    }


    /** @return x + bias (a (C) parameter broadcast over (B, L, C)), or x when there is no bias */
    static NDArray plusBias(ParameterStore ps, NDArray x, Parameter bias, boolean training) {
        return bias == null ? x : x.add(ps.getValue(bias, x.getDevice(), training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
