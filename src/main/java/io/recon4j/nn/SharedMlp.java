package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PointNet's per-point "shared MLP" as the official {@code nn.Sequential(Conv1d, BatchNorm1d, ReLU, Conv1d)}
 * (children {@code 0}, {@code 1}, {@code 3}): (..., C_in) → (..., C_out) for every point alike.
 */
public final class SharedMlp extends ModuleBlock {

    private final LinearLayer conv0;
    private final BatchNormLayer bn1;
    private final LinearLayer conv3;

    /** @param in C_in @param hidden width after the first conv @param out C_out */
    public SharedMlp(long in, long hidden, long out) {
        conv0 = module("0", LinearLayer.conv1x1(in, hidden));
        bn1 = module("1", new BatchNormLayer(hidden));
        conv3 = module("3", LinearLayer.conv1x1(hidden, out));
    }

    /** @param x (..., C_in) @return (..., C_out) */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return rest(ps, conv0.forward(ps, x, training), training);
    }

    /** BN, ReLU and the second conv on the first conv's output, closing each (BG·K)-row intermediate at its last use. */
    private NDArray rest(ParameterStore ps, NDArray a, boolean training) {
        if (NoGrad.inference(training)) {
            // Nothing records a graph: BN and ReLU overwrite the first conv's output, no second (rows, hidden) tensor.
            NDArray h = bn1.normalizeInPlace(ps, a);
            NDArray negative = h.lt(0f); // masked fill: a multiply by a bool mask would cast it to a float temporary
            h.set(negative, 0f);
            negative.close();
            NDArray out = conv3.forward(ps, h, false);
            h.close();
            return out;
        }
        // Closing a handle never breaks backward (autograd keeps its own references); it frees what nothing needs.
        NDArray n = bn1.forward(ps, a, training);
        a.close();
        NDArray h = Activation.relu(n);
        n.close();
        NDArray out = conv3.forward(ps, h, training);
        h.close();
        return out;
    }

    /**
     * The MLP on {@code concat([shared broadcast over K, local], -1)} without materialising the concatenation
     * (see {@link LinearLayer#forwardConcat}). At inference ({@link NoGrad#inference}) {@code local} is closed once
     * the first conv has read it, so that the caller's largest activation does not outlive its use.
     *
     * @param shared (..., 1, C_a) @param local (..., K, C_b) @return (..., K, C_out)
     */
    public NDArray forwardConcat(ParameterStore ps, NDArray shared, NDArray local, boolean training) {
        NDArray a = conv0.forwardConcat(ps, shared, local, training);
        if (NoGrad.inference(training)) {
            local.close();
        }
        return rest(ps, a, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }
}
