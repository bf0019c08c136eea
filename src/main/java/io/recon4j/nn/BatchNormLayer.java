package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * {@code nn.BatchNorm1d(C, eps, affine)} on channels-last input: (..., C) → (..., C), statistics over
 * every axis but the last. Train mode uses batch statistics and updates the running ones (torch momentum
 * 0.1, unbiased running variance); eval mode uses the running statistics. Without affine (the MAE/CAE
 * probe heads) there is no {@code weight}/{@code bias}: only the running statistics are kept.
 */
public final class BatchNormLayer extends ModuleBlock {

    /** PyTorch's default eps. */
    public static final float EPS = 1e-5f;
    /** DJL's momentum is torch's complement: DJL 0.9 = torch 0.1. */
    private static final float DJL_MOMENTUM = 0.9f;

    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final long channels;
    private final float eps;
    private final long[] numBatchesTracked = {0};

    /** @param channels C (affine, eps 1e-5) */
    public BatchNormLayer(long channels) {
        this(channels, EPS, true);
    }

    /**
     * @param channels C
     * @param eps added to the variance
     * @param affine learn a per-channel scale and shift after normalising
     */
    public BatchNormLayer(long channels, float eps, boolean affine) {
        this.channels = channels;
        this.eps = eps;
        Shape s = new Shape(channels);
        this.weight = affine ? parameter("weight", s, Parameter.Type.GAMMA, Inits.ONES) : null;
        this.bias = affine ? parameter("bias", s, Parameter.Type.BETA, Inits.ZEROS) : null;
        this.runningMean = buffer("running_mean", s, Parameter.Type.RUNNING_MEAN, Inits.ZEROS);
        this.runningVar = buffer("running_var", s, Parameter.Type.RUNNING_VAR, Inits.ONES);
    }

    /**
     * @param x (..., C)
     * @param training batch statistics (and running-stat update) when true
     * @return (..., C)
     */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        Shape shape = x.getShape();
        // libtorch's batch_norm wants channels on axis 1: a 2-D (rows, C) view gives that directly.
        NDArray flat = x.reshape(-1, channels);
        NDArray gamma = affineOr(ps, weight, x, 1f, training);
        NDArray beta = affineOr(ps, bias, x, 0f, training);
        NDArray y = BatchNorm.batchNorm(flat,
                ps.getValue(runningMean, x.getDevice(), training),
                ps.getValue(runningVar, x.getDevice(), training),
                gamma, beta, -1, DJL_MOMENTUM, eps, training).singletonOrThrow();
        if (training) {
            numBatchesTracked[0]++;
        }
        // The 2-D views would keep the input's and the raw output's storage alive until the step ends.
        flat.close();
        NDArray out = y.reshape(shape);
        y.close();
        return out;
    }

    /**
     * Eval-mode normalisation written over {@code x} (only at {@link NoGrad#inference}: nothing may need {@code x}),
     * with libtorch's own eval arithmetic: {@code x·α + β}, {@code α = weight / sqrt(running_var + eps)},
     * {@code β = bias − running_mean·α}.
     *
     * @param x (..., C), overwritten
     * @return {@code x}
     */
    NDArray normalizeInPlace(ParameterStore ps, NDArray x) {
        try (NDManager sub = x.getManager().newSubManager()) {
            // Results attach to their first operand's manager: start from a copy in sub, never from a parameter.
            NDArray std = ps.getValue(runningVar, x.getDevice(), false).add(eps);
            std.attach(sub);
            NDArray alpha = sub.ones(std.getShape(), std.getDataType(), std.getDevice()).divi(std.sqrt());
            if (weight != null) {
                alpha.muli(ps.getValue(weight, x.getDevice(), false));
            }
            NDArray beta = alpha.mul(ps.getValue(runningMean, x.getDevice(), false)).negi();
            if (bias != null) {
                beta.addi(ps.getValue(bias, x.getDevice(), false));
            }
            return x.muli(alpha).addi(beta);
        }
    }

    /** The affine parameter's value, or a constant (C) vector owned by {@code x}'s manager when there is none. */
    private NDArray affineOr(ParameterStore ps, Parameter p, NDArray x, float constant, boolean training) {
        if (p != null) {
            return ps.getValue(p, x.getDevice(), training);
        }
        // libtorch's binding needs a scale and a shift: identity values stand in for a non-affine layer.
        return x.getManager().full(new Shape(channels), constant, x.getDataType(), x.getDevice());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    protected Map<String, long[]> ownCounters() {
        return Map.of("num_batches_tracked", numBatchesTracked);
    }
}
