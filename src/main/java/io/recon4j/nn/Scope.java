package io.recon4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.function.Function;

/**
 * Runs a sub-computation in its own NDManager and keeps only its outputs.
 *
 * <p>DJL attaches every intermediate NDArray to the manager of its first operand, so without a scope the
 * intermediates of a whole forward pass (in the mini-PointNet alone, several (B·G·K, 512) activations: 134 MB
 * each at Base, batch 32) stay allocated until the step's manager closes, where PyTorch frees each one at its
 * last use. Closing the handles early is safe under autograd: the backward pass holds its own references to the
 * tensors it saved, and every array created here is allocated by libtorch (never over a Java buffer, see
 * {@link Scalars}).
 */
public final class Scope {

    private Scope() {
    }

    /**
     * @param inputs arrays the computation reads; they are lent to the scope and returned to their managers after
     * @param f the computation; everything it creates from the inputs belongs to the scope
     * @return f's outputs, attached to the manager of the first input; all other intermediates are closed
     */
    public static NDList run(NDList inputs, Function<NDList, NDList> f) {
        NDManager outer = inputs.get(0).getManager();
        try (NDManager scope = outer.newSubManager()) {
            for (NDArray x : inputs) {
                x.tempAttach(scope);
            }
            NDList out = f.apply(inputs);
            for (NDArray y : out) {
                if (!inputs.contains(y)) {
                    y.attach(outer);
                }
            }
            return out;
        }
    }

    /** {@link #run(NDList, Function)} for one input and one output. */
    public static NDArray run(NDArray input, java.util.function.UnaryOperator<NDArray> f) {
        return run(new NDList(input), in -> new NDList(f.apply(in.singletonOrThrow()))).singletonOrThrow();
    }
}
