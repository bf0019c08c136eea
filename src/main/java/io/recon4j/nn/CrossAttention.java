package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Multi-head cross-attention: queries (B, Q, C) attend to keys (B, L, C) and read values (B, L, C) →
 * (B, Q, C); scale d^-0.5, then {@code proj} Linear(C → C) with bias. Two official parameter layouts:
 * <ul>
 *   <li>{@link Layout#RECON}: {@code q} Linear(C → C) and {@code kv} Linear(C → 2C) (first C channels keys,
 *       next C values), both without bias;</li>
 *   <li>{@link Layout#CAE}: {@code q}, {@code k}, {@code v} Linear(C → C) without bias plus learned
 *       {@code q_bias} and {@code v_bias} (the keys' bias is fixed at zero), as CAE's {@code CrossAttention}
 *       with {@code qkv_bias=True}.</li>
 * </ul>
 */
public final class CrossAttention extends ModuleBlock {

    /** Which official module's parameters (names and shapes) the block carries. */
    public enum Layout {
        /** ReCon: {@code q}, fused {@code kv}, no q/k/v bias. */
        RECON,
        /** CAE: separate {@code q}, {@code k}, {@code v}, with {@code q_bias} and {@code v_bias}. */
        CAE
    }

    private final LinearLayer q;
    private final LinearLayer kv;
    private final LinearLayer k;
    private final LinearLayer v;
    private final Parameter qBias;
    private final Parameter vBias;
    private final LinearLayer proj;
    private final int heads;
    private volatile java.util.function.Consumer<NDArray> observer;
    private final long channels;

    /** ReCon's layout with trunc-normal(0.02) weights. @param channels C @param heads H */
    public CrossAttention(long channels, int heads) {
        this(channels, heads, Layout.RECON, Inits.truncNormal(0.02f));
    }

    /**
     * @param channels C (divisible by H)
     * @param heads H
     * @param layout the official parameter layout
     * @param weightInit initializer of the q/k/v/proj weights (biases start at zero)
     */
    public CrossAttention(long channels, int heads, Layout layout, Initializer weightInit) {
        if (channels % heads != 0) {
            throw new IllegalArgumentException("channels " + channels + " not divisible by heads " + heads);
        }
        this.heads = heads;
        this.channels = channels;
        q = module("q", new LinearLayer(channels, channels, false, false, weightInit, Inits.ZEROS));
        if (layout == Layout.RECON) {
            kv = module("kv", new LinearLayer(channels, 2 * channels, false, false, weightInit, Inits.ZEROS));
            k = null;
            v = null;
            qBias = null;
            vBias = null;
        } else {
            kv = null;
            k = module("k", new LinearLayer(channels, channels, false, false, weightInit, Inits.ZEROS));
            v = module("v", new LinearLayer(channels, channels, false, false, weightInit, Inits.ZEROS));
            qBias = parameter("q_bias", new Shape(channels), Parameter.Type.BIAS, Inits.ZEROS);
            vBias = parameter("v_bias", new Shape(channels), Parameter.Type.BIAS, Inits.ZEROS);
        }
        proj = module("proj", new LinearLayer(channels, channels, true, false, weightInit, Inits.ZEROS));
    }

    /**
     * Attention over one context that serves as both keys and values.
     *
     * @param queries (B, Q, C)
     * @param context (B, L, C)
     * @return (B, Q, C)
     */
    public NDArray forward(ParameterStore ps, NDArray queries, NDArray context, boolean training) {
        return forward(ps, queries, context, context, training);
    }

    /**
     * Attention with keys and values from different inputs (e.g. each behind its own LayerNorm, as in CAE);
     * the {@link Layout#RECON} layout accepts only {@code keys == values}.
     *
     * @param queries (B, Q, C)
     * @param keys (B, L, C)
     * @param values (B, L, C)
     * @return (B, Q, C)
     */
    public NDArray forward(ParameterStore ps, NDArray queries, NDArray keys, NDArray values, boolean training) {
        NDArray qh = q.forward(ps, queries, training);
        NDArray kh;
        NDArray vh;
        if (kv == null) {
            qh = qh.add(ps.getValue(qBias, queries.getDevice(), training));
            kh = k.forward(ps, keys, training);
            vh = v.forward(ps, values, training).add(ps.getValue(vBias, values.getDevice(), training));
        } else if (keys == values) {
            NDArray both = kv.forward(ps, keys, training);
            kh = both.get(new NDIndex(":, :, :{}", channels));
            vh = both.get(new NDIndex(":, :, {}:", channels));
        } else {
            throw new IllegalArgumentException("the RECON layout (fused kv) reads keys and values from one context; "
                    + "separate keys and values need the CAE layout");
        }
        NDArray attended = Heads.attend(Heads.split(qh, heads), Heads.split(kh, heads), Heads.split(vh, heads), observer);
        return proj.forward(ps, Heads.merge(attended), training);
    }

    /**
     * Shows every later forward pass's attention probabilities (B, H, Lq, Lk) to {@code observer} (null: stop).
     * For analyses: the probabilities are the ones this module multiplies with its values.
     */
    public void observe(java.util.function.Consumer<NDArray> observer) {
        this.observer = observer;
    }


    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return inputs.size() == 3
                ? new NDList(forward(ps, inputs.get(0), inputs.get(1), inputs.get(2), training))
                : new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }
}
