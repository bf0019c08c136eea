package io.recon4j.export;

import java.util.Map;
import org.tribuo.util.onnx.ONNXRef;

/**
 * The nn blocks of recon4j as ONNX subgraphs, in eval mode, each reading its weights by the official name prefix:
 * Linear / 1×1 Conv1d, BatchNorm1d (running statistics), LayerNorm, timm's Mlp, self- and cross-attention.
 * Each mirrors its DJL block's forward ({@code io.recon4j.nn}) operation for operation.
 */
final class Layers {

    /** PyTorch's LayerNorm and BatchNorm eps, as every ReCon norm uses. */
    static final float EPS = 1e-5f;

    private final OnnxGraph g;
    private final StateTensors weights;

    Layers(OnnxGraph g, StateTensors weights) {
        this.g = g;
        this.weights = weights;
    }

    OnnxGraph graph() {
        return g;
    }

    /** @return {@code prefix.weight} (C_out, C_in[, 1]) as a transposed (C_in, C_out) initializer, columns [from, to) of C_in */
    private ONNXRef<?> weightT(String prefix, int from, int to) {
        StateTensors.Tensor w = weights.get(prefix + ".weight");
        int out = (int) w.shape()[0];
        int in = (int) w.shape()[1];
        int rows = to - from;
        float[] t = new float[rows * out];
        for (int o = 0; o < out; o++) {
            for (int i = from; i < to; i++) {
                t[(i - from) * out + o] = w.data()[o * in + i];
            }
        }
        return g.tensor(prefix + ".weight", t, rows, out);
    }

    private int inChannels(String prefix) {
        return (int) weights.get(prefix + ".weight").shape()[1];
    }

    private ONNXRef<?> vector(String name) {
        StateTensors.Tensor t = weights.get(name);
        return g.tensor(name, t.data(), t.data().length);
    }

    /** {@code nn.Linear} or a 1×1 {@code Conv1d} on the last axis: (..., C_in) → (..., C_out), bias if it has one. */
    ONNXRef<?> linear(String prefix, ONNXRef<?> x) {
        ONNXRef<?> y = g.matMul(x, weightT(prefix, 0, inChannels(prefix)));
        return weights.contains(prefix + ".bias") ? g.add(y, vector(prefix + ".bias")) : y;
    }

    /**
     * The layer applied to {@code concat([shared broadcast over K, local], -1)} without the concatenation,
     * as {@code LinearLayer.forwardConcat}: local·W_bᵀ + (shared·W_aᵀ + bias).
     *
     * @param shared (..., 1, C_a) @param local (..., K, C_b) @return (..., K, C_out)
     */
    ONNXRef<?> linearConcat(String prefix, ONNXRef<?> shared, int sharedChannels, ONNXRef<?> local) {
        int in = inChannels(prefix);
        ONNXRef<?> a = g.add(g.matMul(shared, weightT(prefix, 0, sharedChannels)), vector(prefix + ".bias"));
        return g.add(g.matMul(local, weightT(prefix, sharedChannels, in)), a);
    }

    /**
     * BatchNorm1d in eval mode on channels-last input, on a 2-D (rows, C) view as the DJL block runs it.
     *
     * @param x (..., C) @param shape x's shape with -1 for the batch axis @return (..., C)
     */
    ONNXRef<?> batchNorm(String prefix, ONNXRef<?> x, long... shape) {
        long c = shape[shape.length - 1];
        ONNXRef<?> flat = shape.length == 2 ? x : g.reshape(x, -1, c);
        ONNXRef<?> y = g.op(OnnxOp.BATCH_NORM, Map.of("epsilon", EPS), flat, vector(prefix + ".weight"),
                vector(prefix + ".bias"), vector(prefix + ".running_mean"), vector(prefix + ".running_var"));
        return shape.length == 2 ? y : g.reshape(y, shape);
    }

    /** LayerNorm over the last axis (biased variance, eps 1e-5). */
    ONNXRef<?> layerNorm(String prefix, ONNXRef<?> x) {
        return g.op(OnnxOp.LAYER_NORM, Map.of("axis", -1, "epsilon", EPS), x, vector(prefix + ".weight"),
                vector(prefix + ".bias"));
    }

    /** The positional embedding of group centres ({@code pos_embed}): Linear(3, 128), GELU, Linear(128, C). */
    ONNXRef<?> mlpPositions(ONNXRef<?> centers) {
        return linear("pos_embed.2", g.gelu(linear("pos_embed.0", centers)));
    }

    /** timm's Mlp: fc2(GELU(fc1(x))). */
    ONNXRef<?> mlp(String prefix, ONNXRef<?> x) {
        return linear(prefix + ".fc2", g.gelu(linear(prefix + ".fc1", x)));
    }

    /**
     * Multi-head self-attention ({@code Attention}: fused {@code qkv} without bias, then {@code proj}).
     *
     * @param x (B, L, C) @param tokens L @return (B, L, C)
     */
    ONNXRef<?> selfAttention(String prefix, ONNXRef<?> x, int tokens, int channels, int heads) {
        ONNXRef<?> qkv = linear(prefix + ".qkv", x);
        ONNXRef<?> q = g.slice(qkv, 2, 0, channels);
        ONNXRef<?> k = g.slice(qkv, 2, channels, 2L * channels);
        ONNXRef<?> v = g.slice(qkv, 2, 2L * channels, 3L * channels);
        ONNXRef<?> attended = attend(split(q, tokens, heads, channels), split(k, tokens, heads, channels),
                split(v, tokens, heads, channels), channels / heads);
        return linear(prefix + ".proj", merge(attended, tokens, channels));
    }

    /**
     * ReCon's cross-attention ({@code CrossAttention}: {@code q}, fused {@code kv}, no bias, then {@code proj}).
     *
     * @param queries (B, Q, C) @param context (B, L, C) @return (B, Q, C)
     */
    ONNXRef<?> crossAttention(String prefix, ONNXRef<?> queries, int queryCount, ONNXRef<?> context, int tokens,
                              int channels, int heads) {
        ONNXRef<?> q = linear(prefix + ".q", queries);
        ONNXRef<?> kv = linear(prefix + ".kv", context);
        ONNXRef<?> k = g.slice(kv, 2, 0, channels);
        ONNXRef<?> v = g.slice(kv, 2, channels, 2L * channels);
        ONNXRef<?> attended = attend(split(q, queryCount, heads, channels), split(k, tokens, heads, channels),
                split(v, tokens, heads, channels), channels / heads);
        return linear(prefix + ".proj", merge(attended, queryCount, channels));
    }

    /** (B, L, C) → (B, H, L, d): head h takes channels h·d .. h·d+d-1. */
    private ONNXRef<?> split(ONNXRef<?> x, int tokens, int heads, int channels) {
        return g.transpose(g.reshape(x, -1, tokens, heads, channels / heads), 0, 2, 1, 3);
    }

    /** (B, H, L, d) → (B, L, H·d). */
    private ONNXRef<?> merge(ONNXRef<?> x, int tokens, int channels) {
        return g.reshape(g.transpose(x, 0, 2, 1, 3), -1, tokens, channels);
    }

    /** softmax(q·kᵀ · d^-0.5)·v, the scale applied after the product as in {@code Heads.attend}. */
    private ONNXRef<?> attend(ONNXRef<?> q, ONNXRef<?> k, ONNXRef<?> v, int headDim) {
        ONNXRef<?> scores = g.mul(g.matMul(q, g.transpose(k, 0, 1, 3, 2)), g.scalar((float) Math.pow(headDim, -0.5)));
        return g.matMul(g.op(OnnxOp.SOFTMAX, Map.of("axis", -1), scores), v);
    }
}
