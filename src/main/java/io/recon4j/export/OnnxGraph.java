package io.recon4j.export;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXRef;

/**
 * The operations the exported graphs are made of, as one-line calls on Tribuo's {@link ONNXContext}: each call
 * appends one standard ONNX node and returns its output; constants become initializers. Every shape given to
 * {@link #reshape} keeps the batch axis dynamic ({@code -1} first).
 */
final class OnnxGraph {

    private final ONNXContext context = new ONNXContext();

    /** @return the Tribuo context the nodes go to */
    ONNXContext context() {
        return context;
    }

    ONNXNode op(OnnxOp op, Map<String, Object> attributes, ONNXRef<?>... inputs) {
        return context.operation(op, List.of(inputs), op.getOpName(), attributes);
    }

    ONNXNode op(OnnxOp op, ONNXRef<?>... inputs) {
        return op(op, Map.of(), inputs);
    }

    // --- constants ---

    /** @return a float32 initializer of the given shape (row-major data) */
    ONNXRef<?> tensor(String name, float[] data, long... dims) {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for shape " + Arrays.toString(dims));
        }
        return context.floatTensor(name, Arrays.stream(dims).mapToObj(d -> (int) d).toList(),
                fb -> fb.put(data));
    }

    /** @return a float32 scalar initializer */
    ONNXRef<?> scalar(float value) {
        return context.constant("c", value);
    }

    /** @return a 1-D int64 initializer (shapes, indices, axes) */
    ONNXRef<?> longs(long... values) {
        return context.array("i", values);
    }

    // --- arithmetic ---

    ONNXRef<?> add(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.ADD, a, b);
    }

    ONNXRef<?> sub(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.SUB, a, b);
    }

    ONNXRef<?> mul(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.MUL, a, b);
    }

    ONNXRef<?> matMul(ONNXRef<?> a, ONNXRef<?> b) {
        return op(OnnxOp.MATMUL, a, b);
    }

    ONNXRef<?> relu(ONNXRef<?> x) {
        return op(OnnxOp.RELU, x);
    }

    /** Exact-erf GELU, as torch's {@code nn.GELU()}: 0.5·x·(1 + erf(x/√2)). */
    ONNXRef<?> gelu(ONNXRef<?> x) {
        ONNXRef<?> e = op(OnnxOp.ERF, mul(x, scalar((float) (1 / Math.sqrt(2)))));
        return mul(mul(x, scalar(0.5f)), add(e, scalar(1f)));
    }

    // --- shapes ---

    ONNXRef<?> reshape(ONNXRef<?> x, long... shape) {
        return op(OnnxOp.RESHAPE, x, longs(shape));
    }

    ONNXRef<?> transpose(ONNXRef<?> x, int... perm) {
        return op(OnnxOp.TRANSPOSE, Map.of("perm", perm), x);
    }

    ONNXRef<?> concat(int axis, ONNXRef<?>... parts) {
        return op(OnnxOp.CONCAT, Map.of("axis", axis), parts);
    }

    /** @return x[from:to] along {@code axis} */
    ONNXRef<?> slice(ONNXRef<?> x, int axis, long from, long to) {
        return op(OnnxOp.SLICE, x, longs(from), longs(to), longs(axis));
    }

    ONNXRef<?> unsqueeze(ONNXRef<?> x, long axis) {
        return op(OnnxOp.UNSQUEEZE, x, longs(axis));
    }

    // --- reductions ---

    ONNXRef<?> reduceMax(ONNXRef<?> x, int axis, boolean keepDims) {
        return op(OnnxOp.REDUCE_MAX, Map.of("axes", new int[] {axis}, "keepdims", keepDims ? 1 : 0), x);
    }

    ONNXRef<?> reduceMean(ONNXRef<?> x, int axis, boolean keepDims) {
        return op(OnnxOp.REDUCE_MEAN, Map.of("axes", new int[] {axis}, "keepdims", keepDims ? 1 : 0), x);
    }

    /** @return the outputs {values, indices} of TopK over the last axis */
    List<ONNXNode> topK(ONNXRef<?> x, long k, boolean largest) {
        return context.operation(OnnxOp.TOP_K, List.of(x, longs(k)), List.of("topk_values", "topk_indices"),
                Map.of("axis", -1, "largest", largest ? 1 : 0, "sorted", 1));
    }

    /** Assigns {@code value} to a declared graph output. */
    void output(ONNXRef<?> value, ONNXRef<?> graphOutput) {
        context.assignTo(value, graphOutput);
    }
}
