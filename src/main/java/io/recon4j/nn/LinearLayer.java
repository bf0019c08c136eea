package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * {@code nn.Linear(in, out, bias)} on the last axis: (..., C_in) → (..., C_out). Weight (C_out, C_in).
 *
 * <p>Also stands in for the official {@code Conv1d(in, out, kernel_size=1)} layers: with
 * {@code kernelDim} set, the weight keeps the official (C_out, C_in, 1) shape for checkpoint parity
 * and is viewed as (C_out, C_in) at run time, because a 1×1 convolution is a per-point linear map.
 */
public final class LinearLayer extends ModuleBlock {

    private final Parameter weight;
    private final Parameter bias;
    private final long in;
    private final long out;

    /** A Linear with the official default init (trunc-normal 0.02 weight, zero bias). */
    public LinearLayer(long in, long out, boolean bias) {
        this(in, out, bias, false, Inits.truncNormal(0.02f), Inits.ZEROS);
    }

    /**
     * @param in input channels
     * @param out output channels
     * @param hasBias whether there is a bias
     * @param conv1x1 keep the weight as (out, in, 1) like a Conv1d with kernel size 1
     * @param weightInit weight initializer
     * @param biasInit bias initializer
     */
    public LinearLayer(long in, long out, boolean hasBias, boolean conv1x1, Initializer weightInit, Initializer biasInit) {
        this.in = in;
        this.out = out;
        Shape wShape = conv1x1 ? new Shape(out, in, 1) : new Shape(out, in);
        this.weight = parameter("weight", wShape, Parameter.Type.WEIGHT, weightInit);
        this.bias = hasBias ? parameter("bias", new Shape(out), Parameter.Type.BIAS, biasInit) : null;
    }

    /** A 1×1 Conv1d with the official default init. */
    public static LinearLayer conv1x1(long in, long out) {
        return new LinearLayer(in, out, true, true, Inits.truncNormal(0.02f), Inits.ZEROS);
    }

    /**
     * @param x (..., C_in)
     * @return (..., C_out)
     */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        if (w.getShape().dimension() == 3) {
            w = w.reshape(out, in);
            // A view derived from a parameter would otherwise belong to the model's manager and leak per step.
            w.attach(x.getManager());
        }
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        return Linear.linear(x, w, b).singletonOrThrow();
    }

    /**
     * The layer applied to {@code concat([a broadcast over L, b], -1)} without building the concatenation:
     * {@code W·[a; b] = W_a·a + W_b·b}, so the {@code a} half costs one GEMM per row of {@code a} instead of L.
     *
     * @param a (..., 1, C_a) the part shared by every one of the L rows (first in the concatenation)
     * @param b (..., L, C_b) the per-row part, C_a + C_b = C_in
     * @return (..., L, C_out), equal to {@code forward(concat([a.broadcast(L), b]))} up to float rounding
     */
    public NDArray forwardConcat(ParameterStore ps, NDArray a, NDArray b, boolean training) {
        long ca = a.getShape().get(a.getShape().dimension() - 1);
        if (ca + b.getShape().get(b.getShape().dimension() - 1) != in) {
            throw new IllegalArgumentException("channels " + ca + " + " + b.getShape() + " do not add up to " + in);
        }
        NDArray w = ps.getValue(weight, b.getDevice(), training).reshape(out, in);
        NDArray wa = w.get(new NDIndex(":, :{}", ca));
        NDArray wb = w.get(new NDIndex(":, {}:", ca));
        // Views derived from a parameter would otherwise belong to the model's manager and leak per step.
        w.attach(b.getManager());
        wa.attach(b.getManager());
        wb.attach(b.getManager());
        NDArray bs = bias == null ? null : ps.getValue(bias, b.getDevice(), training);
        NDArray shared = Linear.linear(a, wa, bs).singletonOrThrow();
        // In place: no second (..., L, C_out) tensor (linear's backward saves its inputs, not its output).
        NDArray out = Linear.linear(b, wb, null).singletonOrThrow().addi(shared);
        shared.close();
        wa.close();
        wb.close();
        w.close();
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
    }

    /** @return the number of output channels */
    public long outChannels() {
        return out;
    }
}
