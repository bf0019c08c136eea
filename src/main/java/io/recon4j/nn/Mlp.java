package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** timm's {@code Mlp}: fc1 (C → H) → exact-erf GELU → fc2 (H → C); (..., C) → (..., C). */
public final class Mlp extends ModuleBlock {

    private final LinearLayer fc1;
    private final LinearLayer fc2;

    /** @param channels C @param hidden H (4C in ReCon) */
    public Mlp(long channels, long hidden) {
        this(channels, hidden, Inits.truncNormal(0.02f));
    }

    /** Same, with a given weight initializer (the MAE decoder uses xavier-uniform). */
    public Mlp(long channels, long hidden, Initializer weightInit) {
        fc1 = module("fc1", new LinearLayer(channels, hidden, true, false, weightInit, Inits.ZEROS));
        fc2 = module("fc2", new LinearLayer(hidden, channels, true, false, weightInit, Inits.ZEROS));
    }

    /** @param x (..., C) @return (..., C) */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return fc2.forward(ps, Activation.gelu(fc1.forward(ps, x, training)), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
