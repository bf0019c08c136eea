package io.recon4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.recon4j.nn.BatchNormLayer;
import io.recon4j.nn.Inits;
import io.recon4j.nn.LinearLayer;
import io.recon4j.nn.ModuleBlock;
import io.recon4j.nn.Scalars;

/**
 * The single-modal contrastive projection of the official {@code ReCon} model ({@code cls_proj}, used when
 * {@code self_contrastive} is on): cls query (B, C) → Linear(C, 128) [0] → BatchNorm1d [1] → ReLU [2] →
 * Linear(128, 128) [3] → BatchNorm1d [4] → L2-normalise → (B, 128). Linear weights start at N(0.02, 0.01)
 * with zero bias, BatchNorm at weight 1 and bias 0 (the official {@code ReCon._init_weights}).
 */
public final class SmcHead extends ModuleBlock {

    /** Width of the projection. */
    public static final int DIM = 128;
    private static final float NORM_EPS = 1e-12f;

    private final LinearLayer fc0;
    private final BatchNormLayer bn1;
    private final LinearLayer fc3;
    private final BatchNormLayer bn4;

    /** @param transDim C, the width of the cls query */
    public SmcHead(long transDim) {
        fc0 = module("0", new LinearLayer(transDim, DIM, true, false, Inits.normal(0.02f, 0.01f), Inits.ZEROS));
        bn1 = module("1", new BatchNormLayer(DIM));
        fc3 = module("3", new LinearLayer(DIM, DIM, true, false, Inits.normal(0.02f, 0.01f), Inits.ZEROS));
        bn4 = module("4", new BatchNormLayer(DIM));
    }

    /**
     * @param cls (B, C) cls-query outputs of the encoder
     * @param training BatchNorm batch statistics when true
     * @return (B, 128), each row of unit length ({@code F.normalize}: divided by max(‖x‖, 1e-12))
     */
    public NDArray forward(ParameterStore ps, NDArray cls, boolean training) {
        NDArray h = Activation.relu(bn1.forward(ps, fc0.forward(ps, cls, training), training));
        NDArray z = bn4.forward(ps, fc3.forward(ps, h, training), training);
        return z.div(Scalars.maximum(z.norm(new int[] {1}, true), NORM_EPS));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
