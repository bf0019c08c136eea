package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * LayerScale (CaiT; BEiT's {@code gamma_1}/{@code gamma_2}): a learned per-channel factor on a residual branch,
 * initialised small so that deep stacks start close to the identity. (..., C) → (..., C).
 */
public final class LayerScale extends ModuleBlock {

    private final Parameter gamma;

    /**
     * @param channels C
     * @param init initial value of every γ (0.1 in CAE-Base)
     * @param name the official parameter name (e.g. {@code gamma_1}, {@code gamma_2_cross}); register this block
     *     flattened ({@code module("", ...)}) so that the key is exactly that name
     */
    public LayerScale(long channels, float init, String name) {
        gamma = parameter(name, new Shape(channels), Parameter.Type.GAMMA, new ConstantInitializer(init));
    }

    /** @param x (..., C) @return γ ⊙ x */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return x.mul(ps.getValue(gamma, x.getDevice(), training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
