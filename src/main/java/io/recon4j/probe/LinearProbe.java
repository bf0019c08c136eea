package io.recon4j.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.BatchNormLayer;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.train.GroupedAdamW;
import io.recon4j.train.MomentumSgd;

/**
 * The MAE linear-probing head that CAE's {@code tools/run_linear.py} uses on the cls token:
 * {@code head = Sequential(BatchNorm1d(D, affine=False, eps=1e-6), Linear(D, K))}, the Linear weight
 * N(0, 0.01²) and bias 0, trained with LARS (momentum 0.9, trust coefficient 0.001, no weight decay).
 * The BatchNorm only calibrates feature magnitudes, so the probe stays a linear classifier.
 */
public final class LinearProbe extends ModuleBlock implements ProbeHead {

    /** The BatchNorm eps of the MAE protocol. */
    public static final float BN_EPS = 1e-6f;
    /** LARS momentum. */
    public static final float MOMENTUM = 0.9f;
    /** LARS trust coefficient. */
    public static final float TRUST_COEFFICIENT = 0.001f;

    private final BatchNormLayer norm;
    private final LinearLayer linear;

    /** @param dim D, the cls token's width @param classes K */
    public LinearProbe(int dim, int classes) {
        norm = module("head.0", new BatchNormLayer(dim, BN_EPS, false));
        linear = module("head.1", new LinearLayer(dim, classes, true, false, Inits.normal(0f, 0.01f), Inits.ZEROS));
    }

    @Override
    public Input input() {
        return Input.CLS_TOKEN;
    }

    /** @param features (B, D) cls tokens @return (B, K) logits */
    @Override
    public NDArray forward(ParameterStore ps, NDArray features, boolean training) {
        return linear.forward(ps, norm.forward(ps, features, training), training);
    }

    @Override
    public MomentumSgd optimizer(NDManager manager) {
        return MomentumSgd.lars(manager, GroupedAdamW.select(stateDict(), k -> true), MOMENTUM, 0f, TRUST_COEFFICIENT);
    }

    @Override
    public String describe() {
        return "linear probe on the cls token: BatchNorm1d(affine=False, eps 1e-6) + Linear, LARS (momentum 0.9, "
                + "trust 0.001, no weight decay)";
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
