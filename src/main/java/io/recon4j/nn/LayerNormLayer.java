package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** {@code nn.LayerNorm(C, eps)} over the last axis only: (..., C) → (..., C). */
public final class LayerNormLayer extends ModuleBlock {

    /** The official ReCon eps (PyTorch default). */
    public static final float EPS = 1e-5f;

    private final Parameter weight;
    private final Parameter bias;
    private final Shape normalized;
    private final float eps;

    /** LayerNorm with eps 1e-5. */
    public LayerNormLayer(long channels) {
        this(channels, EPS);
    }

    /** LayerNorm with a given eps (CAE uses 1e-6). */
    public LayerNormLayer(long channels, float eps) {
        this.normalized = new Shape(channels);
        this.eps = eps;
        this.weight = parameter("weight", normalized, Parameter.Type.GAMMA, Inits.ONES);
        this.bias = parameter("bias", normalized, Parameter.Type.BETA, Inits.ZEROS);
    }

    /**
     * @param x (..., C)
     * @return (..., C), normalised over C with biased variance
     */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return LayerNorm.layerNorm(x, normalized, ps.getValue(weight, x.getDevice(), training),
                ps.getValue(bias, x.getDevice(), training), eps).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
