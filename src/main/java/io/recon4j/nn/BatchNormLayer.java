package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * {@code nn.BatchNorm1d(C)} on channels-last input: (..., C) → (..., C), statistics over every
 * axis but the last. Train mode uses batch statistics and updates the running ones (torch momentum
 * 0.1, unbiased running variance); eval mode uses the running statistics.
 */
public final class BatchNormLayer extends ModuleBlock {

    private static final float EPS = 1e-5f;
    /** DJL's momentum is torch's complement: DJL 0.9 = torch 0.1. */
    private static final float DJL_MOMENTUM = 0.9f;

    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final long channels;
    private final long[] numBatchesTracked = {0};

    /** @param channels C */
    public BatchNormLayer(long channels) {
        this.channels = channels;
        Shape s = new Shape(channels);
        this.weight = parameter("weight", s, Parameter.Type.GAMMA, Inits.ONES);
        this.bias = parameter("bias", s, Parameter.Type.BETA, Inits.ZEROS);
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
        NDArray y = BatchNorm.batchNorm(flat,
                ps.getValue(runningMean, x.getDevice(), training),
                ps.getValue(runningVar, x.getDevice(), training),
                ps.getValue(weight, x.getDevice(), training),
                ps.getValue(bias, x.getDevice(), training),
                -1, DJL_MOMENTUM, EPS, training).singletonOrThrow();
        if (training) {
            numBatchesTracked[0]++;
        }
        return y.reshape(shape);
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
